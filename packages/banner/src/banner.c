/* banner: prints its arguments as a banner; the style is chosen when it is built. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    char text[512] = "";
    for (int i = 1; i < argc; i++) {
        strncat(text, argv[i], sizeof text - strlen(text) - 2);
        if (i + 1 < argc) {
            strcat(text, " ");
        }
    }
#ifdef BANNER_STYLE_BOX
    size_t n = strlen(text) + 4;
    for (size_t i = 0; i < n; i++) putchar('*');
    printf("\n* %s *\n", text);
    for (size_t i = 0; i < n; i++) putchar('*');
    putchar('\n');
#else
    printf("== %s ==\n", text);
#endif
    return 0;
}
