d = {"b": 2, "a": 1}
d["c"] = 3
print(d, list(d), list(d.keys()), list(d.values()), list(d.items()), d.get("z"), d.get("z", 0), len(d), "a" in d)
d.update({"a": 10}, e=5)
del d["b"]
print(d, d.pop("c"), d, {k: v * 2 for k, v in d.items()}, dict(x=1, y=2), dict([("k", "v")]), {1: "i", 1.0: "f"})
print(d.setdefault("n", []), d, {**d, "z": 0})
