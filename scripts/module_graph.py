"""Who imports whom inside corpusforge: prints, per module of ``engine/`` and
``operators/``, its line count and the project modules it imports (at module
level or inside functions), then totals: modules, lines, edges, modules that
import ray, and the largest fan-outs.

    python scripts/module_graph.py            # text
    python scripts/module_graph.py --json     # machine-readable
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("engine", "operators")


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def project_imports(path: Path, known: set[str]) -> tuple[set[str], bool]:
    """Project modules imported by ``path`` and whether it imports ray."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    uses_ray = False
    package = module_name(path).rsplit(".", 1)[0] if path.name != "__init__.py" else module_name(path)
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = package.split(".")
                pkg = pkg[: len(pkg) - (node.level - 1)] if node.level > 1 else pkg
                base = ".".join(pkg + ([base] if base else []))
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        for name in names:
            if name == "ray" or name.startswith("ray."):
                uses_ray = True
            while name:
                if name in known:
                    found.add(name)
                    break
                name = name.rpartition(".")[0]
    found.discard(module_name(path))
    return found, uses_ray


def graph() -> dict:
    files = sorted(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py") if "__pycache__" not in p.parts)
    known = {module_name(p) for p in files}
    modules = {}
    for p in files:
        deps, uses_ray = project_imports(p, known)
        modules[module_name(p)] = {
            "lines": sum(1 for _ in p.open(encoding="utf-8")),
            "imports": sorted(deps),
            "imports_ray": uses_ray,
        }
    return modules


def summary(modules: dict) -> dict:
    out = {}
    for pkg in PACKAGES:
        mods = {k: v for k, v in modules.items() if k == pkg or k.startswith(pkg + ".")}
        out[pkg] = {
            "modules": len(mods),
            "lines": sum(v["lines"] for v in mods.values()),
            "edges": sum(len(v["imports"]) for v in mods.values()),
            "import_ray": sorted(k for k, v in mods.items() if v["imports_ray"]),
            "largest": max(mods.items(), key=lambda kv: kv[1]["lines"])[0] if mods else None,
            "widest_fan_out": sorted(((len(v["imports"]), k) for k, v in mods.items()), reverse=True)[:5],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    modules = graph()
    if args.json:
        print(json.dumps({"modules": modules, "summary": summary(modules)}, indent=2))
        return 0
    for name, info in modules.items():
        ray_mark = " [ray]" if info["imports_ray"] else ""
        print(f"{name} ({info['lines']} lines){ray_mark}: {', '.join(info['imports']) or '-'}")
    print()
    for pkg, s in summary(modules).items():
        print(
            f"{pkg}: {s['modules']} modules, {s['lines']} lines, {s['edges']} import edges; "
            f"largest {s['largest']}; import ray: {', '.join(s['import_ray']) or 'none'}"
        )
        print("  widest fan-out: " + ", ".join(f"{k} ({n})" for n, k in s["widest_fan_out"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
