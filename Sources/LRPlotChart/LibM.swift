// The platform C library supplies libm (`cos`, `pow`, …): the same functions CPython's `math`
// module and `float.__pow__` call, which bit-for-bit agreement with PyTorch depends on.
#if canImport(Glibc)
@_exported import Glibc
#elseif canImport(Musl)
@_exported import Musl
#elseif canImport(Darwin)
@_exported import Darwin
#endif
