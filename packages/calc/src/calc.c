/* calc: evaluates "A OP B" with the mathlite it embeds. */
#include <stdio.h>
#include <stdlib.h>

#include "mathlite.h"

int main(int argc, char **argv) {
    if (argc == 2 && argv[1][0] == '-' && argv[1][1] == 'V') {
        printf("calc 1.0.0 (mathlite %s)\n", MATHLITE_VERSION);
        return 0;
    }
    if (argc != 4 || argv[2][0] == '\0' || argv[2][1] != '\0') {
        fprintf(stderr, "usage: calc A OP B   (OP: + - x / %%)\n");
        return 2;
    }
    int ok;
    long r = mathlite_eval(strtol(argv[1], NULL, 10), argv[2][0], strtol(argv[3], NULL, 10), &ok);
    if (!ok) {
        fprintf(stderr, "calc: cannot evaluate that\n");
        return 1;
    }
    printf("%ld\n", r);
    return 0;
}
