"""PyTorch reference for Mote's training-throughput benchmark.

Builds the same DS-CNN as Mote.Train's Architectures.DsCnn (49x10x1 input, 64 filters, 4 depthwise-separable
blocks, batch norm, dropout 0.2, 12 classes), runs full training steps (forward, cross-entropy, backward, Adam)
on a batch of random inputs, and prints the median samples per second. The timing protocol matches the C# side:
warm-up steps first, then each step timed on its own and the median taken.
"""
import argparse
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def same_padding(size, kernel, stride):
    """TensorFlow's SAME padding (what Mote uses): the extra pixel goes after, not before."""
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


class DsCnn(nn.Module):
    def __init__(self, filters=64, blocks=4, classes=12, dropout=0.2):
        super().__init__()
        top, bottom = same_padding(49, 10, 2)
        left, right = same_padding(10, 4, 2)
        self.stem_padding = (left, right, top, bottom)
        self.stem = nn.Conv2d(1, filters, (10, 4), stride=2, bias=False)
        self.stem_bn = nn.BatchNorm2d(filters, eps=1e-3)
        self.dropout = nn.Dropout(dropout)
        layers = []
        for _ in range(blocks):
            layers += [
                nn.Conv2d(filters, filters, 3, padding=1, groups=filters, bias=False),
                nn.BatchNorm2d(filters, eps=1e-3),
                nn.ReLU(),
                nn.Conv2d(filters, filters, 1, bias=False),
                nn.BatchNorm2d(filters, eps=1e-3),
                nn.ReLU(),
            ]
        self.blocks = nn.Sequential(*layers)
        self.head = nn.Linear(filters, classes)

    def forward(self, x):
        x = F.relu(self.stem_bn(self.stem(F.pad(x, self.stem_padding))))
        x = self.blocks(self.dropout(x))
        x = self.dropout(x.mean(dim=(2, 3)))
        return self.head(x)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()

    torch.manual_seed(1)
    torch.set_num_threads(args.threads)
    model = DsCnn()
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    inputs = torch.randn(args.batch, 1, 49, 10)
    labels = torch.randint(0, 12, (args.batch,))

    def step():
        optimizer.zero_grad()
        loss = F.cross_entropy(model(inputs), labels)
        loss.backward()
        optimizer.step()

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.steps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"torch={torch.__version__} threads={torch.get_num_threads()}")
    print(f"samples_per_second={args.batch / median:.1f}")


if __name__ == "__main__":
    main()
