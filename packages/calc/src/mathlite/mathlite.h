/* mathlite 0.3.0: integer arithmetic helpers, vendored into calc. */
#ifndef MATHLITE_H
#define MATHLITE_H

#define MATHLITE_VERSION "0.3.0"

/* Evaluates "A OP B" (OP one of + - * / %); sets *ok to 0 when it cannot. */
long mathlite_eval(long a, char op, long b, int *ok);

#endif
