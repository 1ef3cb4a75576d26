import math
print(math.cos(1.0), math.sin(0.5), math.exp(-2.5), math.log(10), math.log(8, 2), math.log2(10), math.log10(3), math.sqrt(2))
print(math.floor(-2.5), math.ceil(2.1), math.pi, math.e, math.inf, math.pow(2, 0.5), math.isclose(0.1 + 0.2, 0.3), math.tanh(0.3), math.fabs(-2))
print(math.cos(math.pi * 0.3), 0.5 * (1 + math.cos(math.pi * 1234 / 5000)), 6e-4 * (100 + 1) / (2000 + 1), 1 / math.sqrt(max(12, 10)))
