"""Charts of a report as PNG (matplotlib, no display), drawn from a frozen breakdown."""

from __future__ import annotations

import io
import textwrap

from dangbo.reports.figures import number


def bar_png(title: str, data: dict[str, int], *, dpi: int = 110) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.ticker import FuncFormatter

    labels = ["\n".join(textwrap.wrap(k, 18)) for k in data]
    values = list(data.values())
    fig, ax = plt.subplots(figsize=(7.0, 3.2), dpi=dpi)
    try:
        bars = ax.bar(range(len(values)), values, color="#b71c1c")
        ax.set_xticks(range(len(values)), labels, fontsize=7)
        ax.set_title(title, fontsize=10)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: number(int(v))))
        ax.tick_params(axis="y", labelsize=7)
        for bar, value in zip(bars, values, strict=True):
            ax.annotate(number(value), (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                        ha="center", va="bottom", fontsize=7)  # fmt: skip
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", metadata={"Software": None})
        return buffer.getvalue()
    finally:
        plt.close(fig)
