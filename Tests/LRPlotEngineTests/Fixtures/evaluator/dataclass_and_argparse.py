from dataclasses import dataclass, field
import argparse
@dataclass
class Config:
    lr: float = 3e-4
    epochs: int = 90
    milestones: list = field(default_factory=lambda: [30, 60])
    name: str = "run"
cfg = Config(epochs=10)
print(cfg.lr, cfg.epochs, cfg.milestones, cfg.name)
parser = argparse.ArgumentParser(description="x")
parser.add_argument("--lr", type=float, default=0.1)
parser.add_argument("--warmup-epochs", type=int, default=5, help="w")
parser.add_argument("--step", dest="step_size", default="30", type=int)
parser.add_argument("--cos", action="store_true")
parser.add_argument("data", nargs="?")
args = parser.parse_args()
print(args.lr, args.warmup_epochs, args.step_size, args.cos, args.data)
