#include "mathlite.h"

long mathlite_eval(long a, char op, long b, int *ok) {
    *ok = 1;
    switch (op) {
    case '+': return a + b;
    case '-': return a - b;
    case '*': case 'x': return a * b;
    case '/': if (b != 0) return a / b; break;
    case '%': if (b != 0) return a % b; break;
    }
    *ok = 0;
    return 0;
}
