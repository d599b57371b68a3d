"""Tiny config parser with tricky syntax: {braces}, 'quotes' and \"\"\" inside docstrings."""
import re
from dataclasses import dataclass, field
from typing import Dict, List

HEADER_RE = re.compile(r"^\[(?P<name>[^\]]+)\]$")
TEMPLATE = """
def not_a_function():
    pass
"""


@dataclass
class Section:
    """A [section] of key = value pairs."""

    name: str
    values: Dict[str, str] = field(default_factory=dict)

    def get(self, key, default=None):
        return self.values.get(key, default)

    @property
    def is_empty(self):
        return not self.values


def parse_header(line):
    """Return the section name of a header line, or None.

    Example: parse_header("[main]") == "main"
    """
    match = HEADER_RE.match(line.strip())
    if match is None:
        return None
    return match.group("name")


def parse_pair(line):
    key, _, value = line.partition("=")
    value = value.strip()
    if value.startswith(("'", '"')) and value.endswith(value[0]):
        value = value[1:-1]
    return key.strip(), value


def parse_config(text):
    sections: List[Section] = []
    current = Section("default")
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue

        name = parse_header(line)
        if name is not None:
            sections.append(current)
            current = Section(name)
        elif "=" in line:
            key, value = parse_pair(line)
            current.values[key] = value
        else:
            raise ValueError(f"bad line: {raw!r} {{not a dict}}")

    sections.append(current)
    return [s for s in sections if not s.is_empty]


class Config:
    def __init__(self, sections):
        self.sections = {s.name: s for s in sections}

    def lookup(self, dotted):
        section, _, key = dotted.partition(".")
        found = self.sections.get(section)
        return found.get(key) if found else None


if __name__ == "__main__":
    cfg = Config(parse_config(open("app.ini").read()))
    print(cfg.lookup("main.port"))


def merge_configs(*configs):
    """Merge configs left to right; later values win. {braces} stay."""
    merged = {}
    for cfg in configs:
        for name, section in cfg.sections.items():
            target = merged.setdefault(name, Section(name))
            target.values.update(section.values)
    return Config(list(merged.values()))


def dump_config(cfg):
    lines = []
    for name, section in sorted(cfg.sections.items()):
        lines.append(f"[{name}]")
        for key, value in section.values.items():
            lines.append(f"{key} = {value!r}")
        lines.append("")
    return "\n".join(lines)
