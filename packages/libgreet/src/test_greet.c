/* Unit test of libgreet, run by `make check` (the recipe's build-stage test). */
#include <stdio.h>
#include <string.h>

#include "greet.h"

int main(void) {
    if (strcmp(greet_message("spk"), "Hello, spk!") != 0) {
        fprintf(stderr, "unexpected greeting: %s\n", greet_message("spk"));
        return 1;
    }
    if (strcmp(greet_message(""), "Hello, world!") != 0 || greet_count() != 2) {
        fprintf(stderr, "unexpected default greeting or count\n");
        return 1;
    }
    puts("libgreet: all checks passed");
    return 0;
}
