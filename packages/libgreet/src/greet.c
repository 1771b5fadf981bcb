#include <stdio.h>

#include "greet.h"

static char buffer[256];
static int count;

const char *greet_message(const char *name) {
    snprintf(buffer, sizeof buffer, "Hello, %s!", name && *name ? name : "world");
    count++;
    return buffer;
}

int greet_count(void) {
    return count;
}
