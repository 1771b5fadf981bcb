/* shout: prints libgreet's greeting for each argument, in capitals. */
#include <ctype.h>
#include <stdio.h>

#include <greet.h>

int main(int argc, char **argv) {
    for (int i = 1; i < argc || i == 1; i++) {
        const char *text = greet_message(i < argc ? argv[i] : "");
        for (const char *c = text; *c; c++) {
            putchar(toupper((unsigned char) *c));
        }
        putchar('\n');
        if (argc < 2) {
            break;
        }
    }
    return 0;
}
