"""pygreet: libgreet's greetings for Python, through ctypes (no compiler needed)."""

import ctypes
import os

_LIB = ctypes.CDLL(os.path.join(os.environ.get("SPK_ACTIVE_PREFIX", "/spfs"), "lib", "libgreet.so.1"))
_LIB.greet_message.restype = ctypes.c_char_p
_LIB.greet_message.argtypes = [ctypes.c_char_p]


def greet(name: str) -> str:
    """'Hello, NAME!' as libgreet builds it."""
    return _LIB.greet_message(name.encode()).decode()


def count() -> int:
    """How many greetings this process has built."""
    return _LIB.greet_count()
