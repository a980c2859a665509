"""Axis tick labels print exactly the value at the tick, in Swedish."""

import matplotlib.pyplot as plt
import pytest

from naravard.figures import draw


@pytest.mark.parametrize(
    "ticks, decimals",
    [([0, 2, 4, 6], 0), ([7.5, 10.0, 12.5], 1), ([74.0, 75.5, 77.0], 1), ([0.25, 0.5, 0.75], 2)],
)
def test_tick_decimals_fit_the_step(ticks, decimals):
    fig, ax = plt.subplots()
    ax.set_yticks(ticks)
    assert draw._tick_decimals(ax) == decimals
    plt.close(fig)


def test_axis_labels_print_each_tick_exactly_with_swedish_signs():
    fig, ax = plt.subplots()
    ax.plot([0, 1], [-3.0, 4.5])
    draw._swedish_axis(ax, "y")
    fig.canvas.draw()
    ticks = ax.get_yticks()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert any(t < 0 for t in ticks)
    for tick, label in zip(ticks, labels):
        assert "-" not in label and "." not in label
        assert float(label.replace("\u2212", "-").replace(",", ".").replace("\u00a0", "")) == pytest.approx(tick)
    plt.close(fig)
