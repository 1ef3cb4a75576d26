t = (1, 2, 3)
p, q, r = t
first, *rest = [1, 2, 3, 4]
*init, last = "abc"
(u, v), w = (1, 2), 3
print(p + q + r, first, rest, init, last, u, v, w, t[1:], (5,), tuple([1, 2]), t.index(2), t * 2)
a, _ = 10, 20
print(a, _)
