# -*- coding: utf-8 -*-
"""Texts used for the committed fixtures (written for this project; no corpus text)."""

SANITY_PARAGRAPH = (
    "On the morning of 14 March 2023, Dr. Ingrid Valtonen of the Kuusamo Research Institute presented the results "
    "of the study to the board. The study followed 4,817 patients across 23 hospitals for a period of six years. "
    "As the board had asked, the report was short and the report was clear. In the first year, the number of "
    "patients who returned to the hospital fell from 912 to 604. In the second year, the number of patients who "
    "returned to the hospital fell again, this time to 388. Dr. Valtonen said that the results of the study were "
    "encouraging, but she also said that the results of the study should be read with care, because the hospitals "
    "in the north of the country had joined the study later than the hospitals in the south. Her colleague, "
    "Professor Okonkwo Adebayo-Lindqvist, added that the cost of the program was 3.7 million euros per year, and "
    "that the cost of the program was lower than the cost of the extra days that patients would otherwise spend "
    "in the hospital. The board thanked Dr. Valtonen and Professor Adebayo-Lindqvist for the report, and the board "
    "agreed to fund the program for another three years, until 31 December 2026."
)

CSHARP = '''using System;
using System.Collections.Generic;

namespace Squeeze.Samples
{
    public sealed class WordCounter
    {
        private readonly Dictionary<string, int> _counts = new(StringComparer.OrdinalIgnoreCase);

        public void Add(string text)
        {
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                _counts[word] = _counts.TryGetValue(word, out var n) ? n + 1 : 1;
            }
        }

        public int this[string word] => _counts.TryGetValue(word, out var n) ? n : 0;
    }
}
'''

PYTHON = '''import os
import sys


def read_lines(path, encoding="utf-8"):
    """Return the non-empty lines of a file, stripped."""
    with open(path, encoding=encoding) as f:
        for line in f:
            line = line.strip()
            if line:
                yield line


if __name__ == "__main__":
    for i, line in enumerate(read_lines(sys.argv[1])):
        print(f"{i:4d}: {line}")
'''

PROSE_2 = (
    "The lighthouse stood at the end of a long stone pier, and every evening the keeper climbed the one hundred "
    "and twelve steps to light the lamp. In the winter the sea was grey and the wind came from the east, so the "
    "keeper wore two coats and a scarf that his sister had knitted for him. Ships passed the point at night, and "
    "their captains looked for the light before they turned toward the harbour. When the fog was thick, the keeper "
    "rang the bell every thirty seconds until the morning came."
)

PROSE_3 = (
    "To configure the service, copy the example settings file to the data directory and edit the connection "
    "string. The service reads its settings once at start-up; changes made while it is running take effect only "
    "after a restart. If the database cannot be reached, the service retries five times with an increasing delay "
    "and then exits with code 3, so that the supervisor can restart it. Logs are written to standard error in "
    "JSON, one object per line, and include a timestamp, a level, a message and the name of the component."
)

MARKDOWN = (
    "## Installation\n\n1. Install the .NET 8 SDK.\n2. Run `dotnet tool install -g squeeze`.\n3. Check the version:"
    "\n\n```bash\nsqueeze --version\n```\n\n| option | default | meaning |\n|---|---|---|\n| `--rate` | 0.5 | "
    "fraction of tokens to keep |\n| `--window` | 512 | tokens per scoring window |\n"
)

UNICODE = "Café naïve façade — Ærøskøbing, Łódź, İstanbul; 東京は晴れです。 Привет, мир! مرحبا بالعالم 🙂👍🏽"


def long_text(min_chars=6000):
    parts = [SANITY_PARAGRAPH, PROSE_2, CSHARP, PROSE_3, PYTHON, MARKDOWN]
    out, i = [], 0
    while sum(len(p) + 2 for p in out) < min_chars:
        out.append(parts[i % len(parts)]); i += 1
    return "\n\n".join(out)


PARITY_STRINGS = [
    "",
    "Hello, world!",
    "The quick brown fox jumps over the lazy dog.",
    SANITY_PARAGRAPH,
    PROSE_2,
    CSHARP,
    PYTHON,
    MARKDOWN,
    "Café naïve façade résumé coöperate Ærøskøbing Łódź İstanbul straße",
    "東京は晴れです。今日は良い天気ですね。北京欢迎你！서울특별시",
    "emoji: 🙂 👍🏽 🤖 🎉🎉 𝄞 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "family ZWJ: 👨‍👩‍👧‍👦 flag: 🇫🇮🇯🇵 rainbow flag: 🏳️‍🌈 kiss: 👩‍❤️‍💋‍👨",
    "combining: e\u0301 a\u0308 o\u0302\u0323 Z\u0335\u0321a\u0336\u0327l\u0337g\u0338o\u0334",
    "RTL: שלום עולם. مرحبا بالعالم! (mixed עם English 123)",
    "line one\r\nline two\r\n\r\nline four\r\n",
    "col1\tcol2\t\tcol4\n\tindented with tab\n\t\tdouble tab",
    "start" + " " * 40 + "end",
    " " * 40,
    "trailing spaces   \n   leading spaces\n\n\n\nmany newlines",
    "before <|endoftext|> after",
    "<|endoftext|>",
    "a<|endoftext|>b<|endoftext|><|endoftext|>c",
    "numbers: 0 7 42 3.14159 -17 1,234,567 1e-9 0xDEADBEEF 2023-03-14 12:30:45 +358 40 123 4567",
    "It's, they're, we've, I'm, you'll, he'd — don't can't won't",
    "URL: https://example.com/path?q=a%20b&x=1#frag email: someone@example.org",
    "    def method(self):\n        if self.x:\n            return {'a': [1, 2, 3]}\n        return None\n",
    "SELECT id, name FROM users WHERE age >= 18 ORDER BY name;",
    "math: ∀x ∈ ℝ, x² ≥ 0; ∑ᵢ aᵢ ≈ ∞ ± ε",
    "zero-width: a\u200bb\u200cc\u200dd\ufeffe soft\u00adhyphen nbsp:\u00a0x",
    "mixed\u3000ideographic space and \u2028 line separator",
    "    \n\t \n",
    "ALL CAPS HEADLINE: MARKETS RALLY AS RATES FALL",
]

REFERENCE_TEXTS = [
    "The quick brown fox jumps over the lazy dog.",
    SANITY_PARAGRAPH,
    CSHARP,
    PYTHON,
    UNICODE,
    PROSE_3,
]
