/* The floor for lrplot's long run: one thread, the same arithmetic as
 *   lrplot onecycle --max-lr 0.1 --epochs N --sqrt ieee
 * (torch's OneCycleLR with its defaults, cos annealing of lr and beta1; Adam's defaults, float64,
 * single-tensor path, on Rosenbrock's function from (-1.5, 2); the correctly rounded sqrt), and
 * nothing else: no chart, no decimation. Prints the last row's loss and the final parameter, so
 * the run can be checked against `lrplot ... -o x.csv`.
 *
 *   onecycle_floor EPOCHS
 *
 * Build: cc -O2 -mfma -ffp-contract=off onecycle_floor.c -lm (every fused multiply-add is an
 * explicit fma, as in lrplot and PyTorch's kernels). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* 1 - beta ** step, skipping pow once it is exactly 1.0 (lrplot's BiasCorrectionCache). */
typedef struct { double beta, step; } Cache;

static inline double one_minus_power(Cache *c, double b, double s) {
    if (b >= 0 && b <= c->beta && s >= c->step) return 1;
    double power = pow(b, s);
    if (b >= 0 && b < 1 && power < 0x1p-55 && (b > c->beta || isinf(c->step))) { c->beta = b; c->step = s; }
    return 1 - power;
}

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: onecycle_floor EPOCHS\n"); return 2; }
    long total = atol(argv[1]);
    const double max_lr = 0.1, initial = max_lr / 25, min_lr = initial / 1e4;
    const double base_m = 0.85, max_m = 0.95, beta2 = 0.999, eps = 1e-8;
    const double T = (double)total, end1 = 0.3 * T - 1, end2 = T - 1;
    double x = -1.5, y = 2.0, m0 = 0, m1 = 0, v0 = 0, v1 = 0, loss = 0;
    float step = 0;
    Cache c1 = {-1, INFINITY}, c2 = {-1, INFINITY};
    for (long n = 0; n < total; n++) {
        /* OneCycleLR.get_lr at step n: which phase, pct, cos(pi pct) + 1 once for lr and beta1. */
        double d = (double)n, lr, beta1;
        if (d <= end1) {
            double pct = d / end1, c = cos(M_PI * pct) + 1;
            lr = max_lr + (initial - max_lr) / 2.0 * c;
            beta1 = base_m + (max_m - base_m) / 2.0 * c;
        } else {
            double pct = (d - end1) / (end2 - end1), c = cos(M_PI * pct) + 1;
            lr = min_lr + (max_lr - min_lr) / 2.0 * c;
            beta1 = max_m + (base_m - max_m) / 2.0 * c;
        }
        /* The loss and autograd's gradient of (1 - x)^2 + 100 (y - x^2)^2. */
        double a = 1 - x, b = y - x * x;
        loss = a * a + 100 * (b * b);
        double dy = 100 * (2 * b);
        double dx = -(2 * (1 - x)) + (-dy) * (2 * x);
        /* Adam's step. */
        double s = (double)(step + 1);
        double bc1 = one_minus_power(&c1, beta1, s);
        if (bc1 == 0) { fprintf(stderr, "beta1 is 1\n"); return 1; }
        step += 1;
        double w = 1 - beta1;
        if (fabs(w) < 0.5) { m0 = fma(w, dx - m0, m0); m1 = fma(w, dy - m1, m1); }
        else { m0 = fma(w - 1, dx - m0, dx); m1 = fma(w - 1, dy - m1, dy); }
        v0 *= beta2; v1 *= beta2;
        v0 = fma((1 - beta2) * dx, dx, v0);
        v1 = fma((1 - beta2) * dy, dy, v1);
        double bc2 = one_minus_power(&c2, beta2, s);
        double step_size = lr / bc1;
        double bc2_sqrt = bc2 == 1 ? 1 : pow(bc2, 0.5);
        double d0 = sqrt(v0), d1 = sqrt(v1);
        if (bc2_sqrt != 1) { d0 /= bc2_sqrt; d1 /= bc2_sqrt; }
        d0 += eps; d1 += eps;
        x = x + -step_size * m0 / d0;
        y = y + -step_size * m1 / d1;
    }
    printf("%.17g %.17g %.17g\n", loss, x, y);
    return 0;
}
