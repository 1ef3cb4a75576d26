# lrplot: --epochs 600000
# The function `make bench` draws (issue 13 item 6): karpathy/nanoGPT train.py's get_lr with the
# module-level constants of train.py itself (GPT-2 124M on OpenWebText: 600,000 iterations).
# bench/get_lr_cpython.py times CPython calling it 600,000 times; lrplot draws it over the same steps.
import math

learning_rate = 6e-4 # max learning rate
max_iters = 600000 # total number of training iterations
warmup_iters = 2000 # how many steps to warm up for
lr_decay_iters = 600000 # should be ~= max_iters per Chinchilla
min_lr = 6e-5 # minimum learning rate, should be ~= learning_rate/10 per Chinchilla

# learning rate decay scheduler (cosine with warmup)
def get_lr(it):
    # 1) linear warmup for warmup_iters steps
    if it < warmup_iters:
        return learning_rate * (it + 1) / (warmup_iters + 1)
    # 2) if it > lr_decay_iters, return min learning rate
    if it > lr_decay_iters:
        return min_lr
    # 3) in between, use cosine decay down to min learning rate
    decay_ratio = (it - warmup_iters) / (lr_decay_iters - warmup_iters)
    assert 0 <= decay_ratio <= 1
    coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio)) # coeff ranges 0..1
    return min_lr + coeff * (learning_rate - min_lr)
