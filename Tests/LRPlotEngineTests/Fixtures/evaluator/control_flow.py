for i in range(5):
    if i == 1:
        continue
    if i == 3:
        break
    print("for", i)
else:
    print("no")
for i in range(2):
    pass
else:
    print("else ran", i)
n = 0
while n < 3:
    n += 1
else:
    print("while else", n)
print("yes" if n == 3 else "no", [i for i in range(3)] if n else None)
try:
    1 / 0
except ZeroDivisionError as e:
    print("caught", e)
try:
    {}["missing"]
except (KeyError, IndexError) as e:
    print("key", e)
finally:
    print("finally")
try:
    assert n == 4, "n is " + str(n)
except AssertionError as e:
    print("assert", e)
try:
    raise ValueError("bad value")
except Exception as e:
    print(type(e).__name__ if False else "ValueError:", e)
