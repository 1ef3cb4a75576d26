x = 5
print(1 < x < 10, 1 < x > 10, x == 5.0, "a" < "b", [1, 2] < [1, 3], (1, 2) == (1, 2), None is None, x is not None)
print(3 in [1, 2, 3], "b" in "abc", "k" in {"k": 1}, 4 not in (1, 2), not [], not [0], bool(""), bool("0"))
