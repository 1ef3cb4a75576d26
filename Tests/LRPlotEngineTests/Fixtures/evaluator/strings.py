name = "lr"
x = 5
v = 0.000123456
print(f"{name}={v:.4e} {v:.3f} {v:g} {12345.678:,.2f} {42:5d}| {'x':>4}|{'y':<3}|{7:03d} {v!r} {1/3:.2%}")
print("%.4e and %s and %d and %5.2f" % (v, name, 7, 3.14159), "{} {} {:.2f}".format(1, "two", 3.14159), "{0}{1}{0}".format("a", "b"))
print("a,b,c".split(","), " x y ".split(), "-".join(["1", "2"]), "Hello".upper(), "AbC".lower(), "  pad  ".strip(), "abc".replace("b", "B"))
print(repr("it's"), repr('say "hi"'), str(3.0), str(True), len("hello"), "ab" * 3, "abc"[1], "abcdef"[1:4], "abcdef"[::-1])
print(f"{x=}", f"{x + 1=}", f"{{braces}}", "abc".startswith("a"), "abc".endswith("bc"))
