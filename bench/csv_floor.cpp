// The floor for lrplot's CSV and JSON writers: the same run as
//   lrplot exponential --gamma G --epochs N --sqrt ieee -o OUT.csv|OUT.json
// (torch's ExponentialLR on Adam's defaults, the toy Rosenbrock problem from (-1.5, 2), the
// correctly rounded sqrt), written with std::to_chars's shortest round-trip digits laid out as
// Swift's Double.description does, so the files are byte-identical to lrplot's (the bench harness
// checks with cmp). JSON columns go through unlinked temporary files as lrplot's do.
//
//   csv_floor csv|json EPOCHS GAMMA OUT
//
// Build: g++ -O2 -std=c++17 -mfma -ffp-contract=off (no contraction: every fused multiply-add
// below is an explicit fma, as in lrplot and PyTorch's kernels).
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace {

/// A 64 KiB output buffer on a file descriptor.
struct Out {
    int fd;
    char buf[1 << 16];
    size_t n = 0;
    explicit Out(int fd) : fd(fd) {}
    void flush() {
        size_t off = 0;
        while (off < n) {
            ssize_t w = ::write(fd, buf + off, n - off);
            if (w < 0) { perror("write"); exit(1); }
            off += size_t(w);
        }
        n = 0;
    }
    void room(size_t k) { if (n + k > sizeof buf) flush(); }
    void put(char c) { room(1); buf[n++] = c; }
    void put(const char *s, size_t k) { room(k); memcpy(buf + n, s, k); n += k; }
    void put(const char *s) { put(s, strlen(s)); }
    void integer(long v) { room(24); n = size_t(std::to_chars(buf + n, buf + n + 24, v).ptr - buf); }
    /// x as Swift's description: shortest digits; exponent form (as to_chars writes it) when
    /// |x| > 2^53 or the first digit is below 10^-4; else positional with at least one decimal.
    void number(double x) {
        room(40);
        char *p = buf + n;
        if (x == 0) { n += size_t(sprintf(p, std::signbit(x) ? "-0.0" : "0.0")); return; }
        char sci[40];
        char *end = std::to_chars(sci, sci + 40, x, std::chars_format::scientific).ptr;
        // The exponent is the last 2 or 3 digits after "e+" / "e-".
        char *e = end - 4;
        if (*e != 'e') e--;
        int exponent = 0;
        for (const char *d = e + 2; d < end; d++) exponent = exponent * 10 + (*d - '0');
        if (e[1] == '-') exponent = -exponent;
        if (std::fabs(x) > 9007199254740992.0 || exponent < -4) {
            memcpy(p, sci, size_t(end - sci));
            n += size_t(end - sci);
            return;
        }
        char digits[20];
        int count = 0;
        const char *s = sci;
        if (*s == '-') { *p++ = '-'; s++; }
        for (; s < e; s++) if (*s != '.') digits[count++] = *s;
        if (exponent < 0) {
            *p++ = '0'; *p++ = '.';
            for (int i = -1; i > exponent; i--) *p++ = '0';
            memcpy(p, digits, size_t(count)); p += count;
        } else {
            int whole = exponent + 1;
            for (int i = 0; i < whole; i++) *p++ = i < count ? digits[i] : '0';
            *p++ = '.';
            if (count > whole) { memcpy(p, digits + whole, size_t(count - whole)); p += count - whole; }
            else *p++ = '0';
        }
        n = size_t(p - buf);
    }
    void csvField(double x) {
        if (std::isnan(x)) put("nan", 3);
        else number(x);  // to_chars writes inf and -inf as Swift does
    }
    void jsonNumber(double x) {
        if (std::isfinite(x)) number(x); else put("null", 4);
    }
};

/// `1 - beta ** step`, skipping pow once it is exactly 1.0 for this (constant) beta.
struct BiasCorrection {
    bool saturated = false;
    double operator()(double beta, double step) {
        if (saturated) return 1;
        double power = std::pow(beta, step);
        if (power < 0x1p-55) saturated = true;
        return 1 - power;
    }
};

/// Adam (torch defaults, float64, single-tensor path) on Rosenbrock's function.
struct Run {
    double x = -1.5, y = 2.0, m0 = 0, m1 = 0, v0 = 0, v1 = 0;
    float step = 0;
    BiasCorrection c1, c2;
    static constexpr double beta1 = 0.9, beta2 = 0.999, eps = 1e-8;

    double loss() const {
        double a = 1 - x, b = y - x * x;
        return a * a + 100 * (b * b);
    }
    void update(double lr) {
        double b = y - x * x;
        double dy = 100 * (2 * b);
        double dx = -(2 * (1 - x)) + (-dy) * (2 * x);
        double s = double(step + 1);
        double bc1 = c1(beta1, s);
        step += 1;
        double w = 1 - beta1;  // lerp_: |w| < 0.5 → m + w (g − m), fused
        m0 = std::fma(w, dx - m0, m0);
        m1 = std::fma(w, dy - m1, m1);
        v0 *= beta2; v1 *= beta2;
        v0 = std::fma((1 - beta2) * dx, dx, v0);
        v1 = std::fma((1 - beta2) * dy, dy, v1);
        double bc2 = c2(beta2, s);
        double stepSize = lr / bc1;
        double bc2Sqrt = bc2 == 1 ? 1 : std::pow(bc2, 0.5);
        double d0 = std::sqrt(v0), d1 = std::sqrt(v1);
        if (bc2Sqrt != 1) { d0 /= bc2Sqrt; d1 /= bc2Sqrt; }
        d0 += eps; d1 += eps;
        x = x + -stepSize * m0 / d0;
        y = y + -stepSize * m1 / d1;
    }
};

void copy(int from, Out &to) {
    lseek(from, 0, SEEK_SET);
    to.flush();
    static char chunk[1 << 16];
    for (;;) {
        ssize_t r = read(from, chunk, sizeof chunk);
        if (r < 0) { perror("read"); exit(1); }
        if (r == 0) return;
        to.put(chunk, size_t(r));
        to.flush();
    }
}

int column() {
    char name[] = "./.csv-floor-XXXXXX";
    int fd = mkstemp(name);
    if (fd < 0) { perror("mkstemp"); exit(1); }
    unlink(name);
    return fd;
}

}  // namespace

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: csv_floor csv|json EPOCHS GAMMA OUT\n"); return 2; }
    bool json = strcmp(argv[1], "json") == 0;
    long epochs = atol(argv[2]);
    double gamma = strtod(argv[3], nullptr);
    int fd = open(argv[4], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) { perror(argv[4]); return 1; }
    static Out out(fd);
    Run run;
    double lr = 0.1;
    if (!json) {
        out.put("epoch,lr0,beta1_0,loss\n");
        for (long e = 0; e < epochs; e++) {
            out.integer(e); out.put(',');
            out.csvField(lr); out.put(',');
            out.csvField(Run::beta1); out.put(',');
            out.csvField(run.loss()); out.put('\n');
            run.update(lr);
            lr *= gamma;
        }
    } else {
        static Out lrs(column()), betas(column()), losses(column());
        for (long e = 0; e < epochs; e++) {
            if (e) { lrs.put(','); betas.put(','); losses.put(','); }
            lrs.jsonNumber(lr);
            betas.jsonNumber(Run::beta1);
            losses.jsonNumber(run.loss());
            run.update(lr);
            lr *= gamma;
        }
        lrs.flush(); betas.flush(); losses.flush();
        std::string head = "{\"schedule\":{\"name\":\"exponential\",\"class\":\"ExponentialLR\",\"call\":\"ExponentialLR(gamma=";
        out.put(head.c_str());
        out.number(gamma);
        out.put(")\",\"parameters\":{\"gamma\":");
        out.number(gamma);
        out.put("}},\"epochs\":");
        out.integer(epochs);
        out.put(",\"lrs\":[0.1],\"groups\":[{\"lr\":[");
        copy(lrs.fd, out);
        out.put("],\"beta1\":[");
        copy(betas.fd, out);
        out.put("]}],\"loss\":[");
        copy(losses.fd, out);
        out.put("]}\n");
    }
    out.flush();
    return close(fd) == 0 ? 0 : 1;
}
