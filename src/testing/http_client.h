#pragma once
/// cpp-httplib, the HTTP client of the HTTP tests. Debian ships it as a compiled library
/// (libcpp-httplib.so) built with OpenSSL, zlib and Brotli support; the header must see the
/// same macros as the library (its pkg-config Cflags), or the classes would have another
/// layout than the code in the library. Include this instead of <httplib.h>.
///
/// With zlib and Brotli support the client asks for compressed responses and decompresses
/// them, so `body` is always the plain text, as a browser would show it.

#ifndef CPPHTTPLIB_OPENSSL_SUPPORT
#define CPPHTTPLIB_OPENSSL_SUPPORT 1
#endif
#ifndef CPPHTTPLIB_ZLIB_SUPPORT
#define CPPHTTPLIB_ZLIB_SUPPORT 1
#endif
#ifndef CPPHTTPLIB_BROTLI_SUPPORT
#define CPPHTTPLIB_BROTLI_SUPPORT 1
#endif
#include <httplib.h>
