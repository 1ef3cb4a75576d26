a = [3, 1, 2]
b = a
b += [4]
print(a, sorted(a), sorted(a, reverse=True), a[-1], a[1:], a[:-1], a[::2], len(a))
a.append(9); a.insert(0, 7); a.pop(); a.remove(1)
print(a, a.index(2), a.count(3), list(reversed(a)), [x * 2 for x in a if x > 2], list(range(10, 0, -3)))
m = [[0] * 2 for _ in range(3)]
m[0][1] = 5
print(m, [i * j for i in range(3) for j in range(3) if i != j], list(zip([1, 2, 3], "ab")), list(enumerate("xy", start=1)))
c = a.copy(); c.sort(key=lambda t: -t); print(c, a)
s = [1, 2, 3, 4, 5]
s[1:3] = [9]
print(s, s[-2:], s[10:], any([0, 1]), all([1, 0]), list(map(lambda t: t + 1, [1, 2])), list(filter(None, [0, 1, 2])))
