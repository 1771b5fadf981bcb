/* libgreet: builds greetings. */
#ifndef GREET_H
#define GREET_H

#define GREET_VERSION "1.0.0"

/* "Hello, NAME!" in a static buffer (overwritten by the next call). */
const char *greet_message(const char *name);

/* How many greetings this process has built. */
int greet_count(void);

#endif
