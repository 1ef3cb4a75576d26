def f(a, b=2, *args, c=3, **kw):
    return a, b, args, c, kw
print(f(1), f(1, 5, 6, 7, c=8, z=9), f(*[1, 2], **{"c": 4}))
def acc(x, out=[]):
    out.append(x)
    return out
print(acc(1), acc(2))
def outer():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
g = outer(); g(); print(g(), outer()())
fs = [lambda: i for i in range(3)]
print([h() for h in fs], [(lambda k=i: k)() for i in range(3)])
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(15), (lambda x, y=2: x ** y)(3), sorted(["bb", "a", "ccc"], key=len), max(["bb", "a", "ccc"], key=len))
counter = 0
def bump():
    global counter
    counter += 1
bump(); bump(); print(counter)
