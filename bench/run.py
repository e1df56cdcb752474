"""nbimage's benchmark suite: the display path against wandb 0.22.3's `Image`.

    .venv/bin/python bench/run.py            # the full suite (make bench), a few minutes
    .venv/bin/python bench/run.py --quick    # every case once: proves the suite works (CI)

Prints a table of medians and min–max per case for nbimage (build `Image` + call
`_repr_mimebundle_()`), wandb 0.22.3 (`wandb.Image(...)`, run in its own venv
`bench/.venv-wandb` with the Pillow of its day, created here on first use) and the floor
(normalization alone), the ratio nbimage / wandb, the extra peak memory of the 4096² case,
and browser timings from headless Chromium. Results go to `bench/results/latest.json`.
Nothing here asserts on timings.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WANDB_VENV = BENCH / ".venv-wandb"
WANDB_REQUIREMENTS = ("wandb==0.22.3", "pillow==11.3.0", "numpy")
RESULTS = BENCH / "results" / "latest.json"

sys.path[:0] = [str(BENCH), str(ROOT)]  # the bench modules, and nbimage from this checkout
import cases  # noqa: E402

# Ratio goals of issue 5 (nbimage median / wandb median), shown beside each result.
GOALS = {cases.CASES[0].name: 0.10, cases.CASES[1].name: 0.05, cases.CASES[2].name: 0.20}
GOALS[cases.CASES[3].name] = 0.10  # issue 17: History.log() vs wandb.Image of the same data


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def wandb_python() -> Path:
    """The wandb 0.22.3 venv's interpreter, creating the venv on first use."""
    python = venv_python(WANDB_VENV)
    marker = WANDB_VENV / ".nbimage-bench-requirements"
    wanted = " ".join(WANDB_REQUIREMENTS)
    if python.exists() and marker.exists() and marker.read_text() == wanted:
        return python
    log(f"Creating {WANDB_VENV.relative_to(ROOT)} with {wanted} (once)")
    shutil.rmtree(WANDB_VENV, ignore_errors=True)
    base = shutil.which("python3") or sys.executable
    subprocess.run([base, "-m", "venv", str(WANDB_VENV)], check=True)
    install = [str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    done = subprocess.run([*install, *WANDB_REQUIREMENTS], capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"installing {wanted} failed:\n{done.stdout}{done.stderr}")
    marker.write_text(wanted)
    return python


def worker(python: Path, side: str, case: cases.Case, *extra: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": "0"}
    command = [str(python), str(BENCH / "worker.py"), "--side", side, "--case", case.name, *extra]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{side} worker failed on {case.name!r}:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def summary(times: list[float]) -> dict[str, float]:
    return {"median": statistics.median(times), "min": min(times), "max": max(times)}


def time_cases(quick: bool) -> list[dict[str, Any]]:
    pythons = {"nbimage": Path(sys.executable), "floor": Path(sys.executable)}
    pythons["wandb"] = wandb_python()
    rows = []
    for case in cases.CASES:
        repeats, warmup = (1, 0) if quick else (case.repeats, 1)
        row: dict[str, Any] = {"case": case.name, "repeats": repeats}
        for side in ("nbimage", "wandb", "floor"):
            log(f"  {case.name}: {side} × {repeats}")
            times = worker(
                pythons[side], side, case, "--repeats", str(repeats), "--warmup", str(warmup)
            )["times"]
            row[side] = {**summary(times), "times": times}
        row["ratio"] = row["nbimage"]["median"] / row["wandb"]["median"]
        row["floor_ratio"] = row["floor"]["median"] / row["wandb"]["median"]
        row["goal"] = GOALS.get(case.name)
        rows.append(row)
    return rows


def measure_memory() -> dict[str, Any]:
    case = cases.MEMORY_CASE
    memory: dict[str, Any] = {"case": case.name}
    for side, python in (("nbimage", Path(sys.executable)), ("wandb", wandb_python())):
        log(f"  {case.name}: {side} peak memory")
        found = worker(python, side, case, "--memory")["memory"]
        memory[side] = {**found, "multiple": found["extra_bytes"] / found["input_bytes"]}
    return memory


def seconds(value: float) -> str:
    return f"{value * 1e3:.0f} ms" if value < 10 else f"{value:.1f} s"


def spread(stats: dict[str, float]) -> str:
    return f"{seconds(stats['median'])} ({seconds(stats['min'])}–{seconds(stats['max'])})"


def table(results: dict[str, Any]) -> str:
    lines = [
        "| case | nbimage | wandb 0.22.3 | floor (normalize) | nbimage / wandb | goal |",
        "|---|---|---|---|---|---|",
    ]
    for row in results["timings"]:
        goal = f"≤ {row['goal']:.2f}" if row["goal"] is not None else ""
        lines.append(
            f"| {row['case']} | {spread(row['nbimage'])} | {spread(row['wandb'])} "
            f"| {spread(row['floor'])} | {row['ratio']:.3f} | {goal} |"
        )
    memory = results.get("memory")
    if memory:
        lines.append(
            f"| {memory['case']}: extra peak memory | {memory['nbimage']['multiple']:.2f}× input "
            f"| {memory['wandb']['multiple']:.2f}× input | | | ≤ 1× input |"
        )
    for row in results.get("model_outputs", []):
        lines.append(
            f"| {row['case']} | {spread(row['nbimage'])} | plain mask: {spread(row['reference'])} "
            f"| | {row['ratio']:.2f} × plain mask (CPU time {row['cpu_ratio']:.2f}×) "
            f"| ≤ {row['goal']:.0f}× |"
        )
    if results.get("lazy"):
        import lazy

        lines.append(lazy.row(results["lazy"]))
    for row in results.get("browser", []):
        lines.append(f"| in Chromium: {row['case']} | {row['shown']} | | | | {row['goal']} |")
    lines.append("")
    lines.append("medians (min–max); ratios are of medians, same machine, same run")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="every case once (CI)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium cases")
    args = parser.parse_args()

    started = time.perf_counter()
    results: dict[str, Any] = {
        "quick": args.quick,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
    }
    log("Timing the display path (each side in its own process)")
    results["timings"] = time_cases(args.quick)
    log("Timing model outputs (from_scores against a plain mask)")
    import model_outputs

    results["model_outputs"] = model_outputs.measure(args.quick)
    log("Measuring peak memory")
    results["memory"] = measure_memory()
    log("Timing show() of a 100,000-item lazy dataset against a 108-item list")
    import lazy

    results["lazy"] = lazy.measure(quick=args.quick)
    if not args.no_browser:
        log("Timing the view in headless Chromium")
        import browser

        results["browser"] = browser.measure(quick=args.quick)
    results["elapsed_s"] = time.perf_counter() - started

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(table(results))
    print(
        f"\n{'quick run: figures are single samples; ' if args.quick else ''}"
        f"written to {RESULTS.relative_to(ROOT)} in {results['elapsed_s']:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
