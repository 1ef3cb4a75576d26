class Base:
    scale = 2
    def __init__(self, x):
        self.x = x
    def value(self):
        return self.x * self.scale
    def __repr__(self):
        return f"Base({self.x})"
class Child(Base):
    scale = 3
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
    def value(self):
        return super().value() + self.y
b = Base(2); c = Child(2, 1)
print(b.value(), c.value(), isinstance(c, Base), isinstance(b, Child), Child.scale, b, [b])
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
    def __call__(self, step):
        return step * 2
    @staticmethod
    def twice(v):
        return 2 * v
    @classmethod
    def make(cls):
        return cls()
Counter(); k = Counter.make()
print(Counter.count, k(21), Counter.twice(4), hasattr(k, "count"), getattr(k, "nothing", "default"))
class Priv:
    def __init__(self):
        self.__secret = 5
    def __get(self):
        return self.__secret
    def show(self):
        return self.__get()
print(Priv().show())
