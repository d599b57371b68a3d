#!/usr/bin/env python3
"""Writes the hand-made seed inputs of fuzz/corpus/<target>/seed-*. Re-run after editing; fuzzer-found inputs are kept as found-*."""
import json, os, pathlib

root = pathlib.Path(__file__).resolve().parent / "corpus"
repo = root.parent.parent

def utf16(s):  # leading 0xFF: the rest is raw UTF-16LE (lets seeds hold lone surrogates)
    return b"\xff" + s.encode("utf-16-le", "surrogatepass")

text_common = {
    "empty": b"",
    "ascii": b"Dr. Smith went to Washington. He arrived at 3.45 p.m. on Jan. 5th! Did he? Yes.",
    "crlf": b"First line.\r\nSecond line.\r\n\r\nNew paragraph.\r\n",
    "emoji-zwj": "Family: \U0001F468\u200D\U0001F469\u200D\U0001F467. Flags \U0001F1EB\U0001F1F7. End.".encode(),
    "combining": "Cafe\u0301 na\u0308ive. Z\u0351\u0352\u0353algo text.".encode(),
    "rtl": "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd. \u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645\u061f \u202eevil\u202c.".encode(),
    "cjk": "\u4eca\u65e5\u306f\u3002\u5929\u6c14\u5f88\u597d\uff01\u4f60\u597d\uff1f\u0928\u092e\u0938\u094d\u0924\u0947\u0964".encode(),
    "zero-width": "a\u200bb\u200cc\u200d\ufeffd. \u2060e.".encode(),
    "lone-high-surrogate": utf16("abc\ud800def. x"),
    "lone-low-surrogate": utf16("\udc00 start. end\ud83d"),
    "pair-at-end": utf16("text \ud83d\ude00"),
    "invalid-utf8": b"ok \xc3\x28 bad \xe2\x82 more \xff\xfe end.",
    "nul-bytes": b"a\x00b\x00. c\x00",
    "only-whitespace": b" \t\r\n\n\n   \x0b\x0c",
    "markdown": b"# Title\n\n- item one\n- item two\n1. first\n2. second\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```python\ndef f():\n    return 1\n```\n",
    "chat": b"User: hello there.\nAssistant: Hi! How can I help?\nUser: Compress this.\n",
    "documents": b"Document [1] The first doc.\n\nDocument [2] Second doc.\n[3] third\nPassage 4: fourth\n<document>x</document>\n",
    "urls": b"See https://example.com/a.b?c=d.e and mail me@x.y.z. Version 1.2.3 costs $4.50. U.S. e.g. etc. i.e. end",
    "long-line": b"word " * 2000,
    "many-dots": b"." * 3000 + b"!?" * 500,
    "unclosed-fence": b"```\ncode without end\n\n\nmore",
}

markup = {
    "keep": b"before <squeeze keep>kept text</squeeze> after",
    "rate": b"a <squeeze rate=\"0.3\">some text here</squeeze> b <squeeze rate='1'>x</squeeze> <SQUEEZE RATE=0>y</SQUEEZE>",
    "nested": b"<squeeze keep>outer <squeeze keep>inner</squeeze> tail</squeeze>",
    "unclosed": b"<squeeze keep>never closed <squeeze rate=0.5>also",
    "stray-close": b"</squeeze></squeeze> text </squeeze>",
    "bad-rate": b"<squeeze rate=\"1.5\">x</squeeze><squeeze rate=NaN>y</squeeze><squeeze rate=\"-0\">z</squeeze><squeeze rate=\"1e-400\">w</squeeze>",
    "long-tag": b"<squeeze " + b" " * 80 + b"keep>x</squeeze>",
    "tag-at-end": b"text <squeeze",
    "keep-rate": b"<squeeze keep rate=\"0.2\">both</squeeze><squeeze\tkeep\n>ws</squeeze>",
    "many": b"<squeeze keep>a</squeeze>" * 200,
    "unicode-inside": "<squeeze keep>\U0001F600\u0301</squeeze>\u202e<squeeze rate=0.1>\u4f60\u597d</squeeze>".encode(),
    "surrogate-in-tag": utf16("<squeeze keep>\ud800</squeeze>\udc00"),
    "quote-unclosed": b"<squeeze rate=\"0.5>x</squeeze>",
}

code = {
    "csharp": b"using System;\nnamespace N;\npublic sealed class C\n{\n    [Attr]\n    public int F(int x)\n    {\n        if (x > 0) { return x; }\n        return -x;\n    }\n    public string S => $\"{x} }}\";\n}\n",
    "python": b"import os\n\n@decorator\ndef f(x):\n    \"\"\"doc\"\"\"\n    if x:\n        return 1\n    return 2\n\nclass A:\n    def m(self):\n        pass\n",
    "js": b"import x from 'y';\nexport function f(a) {\n  const re = /[}{]/g;\n  return `${a}}`;\n}\nclass K { m() { return {a: 1}; } }\n",
    "rust": b"use std::io;\nfn main() {\n    let s = r#\"}{\"#;\n    let c = '}';\n    println!(\"{}\", s);\n}\nimpl T for U { fn f(&self) -> u8 { 0 } }\n",
    "go": b"package main\nimport \"fmt\"\nfunc main() {\n\tfmt.Println(`}`)\n}\n",
    "cpp": b"#include <x>\n#define M(a) { a }\nextern \"C\" { int f(void); }\ntemplate<class T> struct S { T t; };\nint main() { return 0; }\n",
    "unbalanced-open": b"void f() {" + b"{" * 5000,
    "unbalanced-close": b"}" * 5000 + b" int x; }",
    "deep-nesting": b"class A {" + b" void f() {" * 400 + b"}" * 401,
    "python-deep-indent": b"".join(b" " * i + b"if x:\n" for i in range(0, 800, 4)) + b" " * 800 + b"pass\n",
    "unterminated-string": b"int f() { return \"abc; }\nint g() { return 'x; }\n",
    "unterminated-comment": b"int f() { /* never ends \n return 1; }",
    "python-tabs-mixed": b"def f():\n\tif x:\n        return 1\n\t\treturn 2\n",
    "triple-quote": b"def f():\n    s = \"\"\"unterminated\n    return s\n",
    "crlf-code": b"class C {\r\n  void F() {\r\n    x();\r\n  }\r\n}\r\n",
    "unicode-idents": "class \u00c4\u00f6 { void \u4f60\u597d() { var \U0001F600 = 1; } }".encode(),
    "surrogates-code": utf16("void f() { \"\ud800\"; }\n\udc00"),
    "verbatim-strings": b"var a = @\"}\"\"{\"; var b = $$\"\"\"{{{x}}}}\"\"\"; var c = \"\"\"\n}\n\"\"\";\n",
}

model_config = json.loads((repo / "tests/fixtures/models/tiny-llama/config.json").read_text())
model_squeeze = json.loads((repo / "tests/fixtures/models/tiny-llama/squeeze.json").read_text())

def cfg(obj):  # first byte 0 -> config.json
    return b"\x00" + json.dumps(obj).encode()

def sq(obj):  # first byte 1 -> squeeze.json
    return b"\x01" + (obj if isinstance(obj, bytes) else json.dumps(obj).encode())

def tok(obj):  # first byte 2 -> tokenizer.json
    return b"\x02" + (obj if isinstance(obj, bytes) else json.dumps(obj).encode())

tiny_tokenizer = {
    "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2, "\u0120": 3}, "merges": ["a b"]},
    "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "use_regex": True},
    "added_tokens": [{"id": 0, "content": "<|endoftext|>", "special": True}],
}
model = {
    "config-original": cfg(model_config),
    "config-empty": b"\x00",
    "config-not-object": b"\x00[1,2,3]",
    "config-truncated": b"\x00{\"bos_token_id\": 0, \"vocab_size\": ",
    "config-huge-numbers": cfg({**model_config, "vocab_size": 2**31 - 1, "num_hidden_layers": 2**31 - 1, "hidden_size": 2**31 - 1, "num_attention_heads": 0}),
    "config-negative": cfg({**model_config, "bos_token_id": -1, "eos_token_id": -5, "max_position_embeddings": -1}),
    "config-strings": cfg({**model_config, "bos_token_id": "0", "vocab_size": "8192"}),
    "config-floats": cfg({**model_config, "bos_token_id": 0.5, "vocab_size": 1e300}),
    "config-array-ids": cfg({**model_config, "eos_token_id": [0, 1], "bos_token_id": []}),
    "config-no-bos": cfg({k: v for k, v in model_config.items() if k not in ("bos_token_id", "eos_token_id")}),
    "config-deep": b"\x00" + b"[" * 5000 + b"]" * 5000,
    "squeeze-original": sq(model_squeeze),
    "squeeze-bad-format": sq({**model_squeeze, "format": "other/2"}),
    "squeeze-missing-graph": sq({**model_squeeze, "graphs": {"windows": "nope.onnx"}}),
    "squeeze-path-escape": sq({**model_squeeze, "graphs": {"windows": "../../../../etc/passwd", "incremental": "/dev/zero"}}),
    "squeeze-graph-is-json": sq({**model_squeeze, "graphs": {"windows": "config.json"}}),
    "squeeze-window-huge": sq({**model_squeeze, "window": 2**31 - 1, "max_positions": 2**31 - 1}),
    "squeeze-window-zero": sq({**model_squeeze, "window": 0, "max_positions": 0}),
    "squeeze-kv-huge": sq({**model_squeeze, "num_layers": 100000, "num_heads": 100000, "head_dim": 100000}),
    "squeeze-bos-out-of-vocab": sq({**model_squeeze, "bos_token_id": 9000, "eos_token_id": 9000, "pad_token_id": 9000}),
    "squeeze-vocab-small": sq({**model_squeeze, "vocab_size": 3}),
    "squeeze-comments-trailing": sq(b"{ // comment\n \"format\": \"squeeze-surprisal/1\", \"window\": 8, }"),
    "squeeze-bom": sq(b"\xef\xbb\xbf{}"),
    "squeeze-invalid-utf8": sq(b"{\"format\": \"\xff\xfe\"}"),
    "tokenizer-tiny": tok(tiny_tokenizer),
    "tokenizer-empty-object": tok({}),
    "tokenizer-no-bytelevel": tok({**tiny_tokenizer, "pre_tokenizer": {"type": "Whitespace"}}),
    "tokenizer-bad-regex": tok({**tiny_tokenizer, "pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "Split", "pattern": {"Regex": "(unclosed["}}, {"type": "ByteLevel", "use_regex": False}]}}),
    "tokenizer-evil-regex": tok({**tiny_tokenizer, "pre_tokenizer": {"type": "Sequence", "pretokenizers": [{"type": "Split", "pattern": {"Regex": "(a+)+$"}}, {"type": "ByteLevel", "use_regex": False}]}}),
    "tokenizer-vocab-types": tok({**tiny_tokenizer, "model": {"type": "BPE", "vocab": {"a": "x", "b": -1, "c": 2**40}, "merges": [1, None, "a"]}}),
    "tokenizer-merges-pairs": tok({**tiny_tokenizer, "model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2}, "merges": [["a", "b"], ["x"]]}}),
    "tokenizer-huge-id": tok({**tiny_tokenizer, "model": {"type": "BPE", "vocab": {"a": 2**31 - 1}, "merges": []}}),
    "tokenizer-wordpiece": tok({**tiny_tokenizer, "model": {"type": "WordPiece", "vocab": {"a": 0}}}),
    "tokenizer-type-number": tok({**tiny_tokenizer, "pre_tokenizer": {"type": 5}}),
    "tokenizer-null": tok(b"null"),
}

cli = {k: text_common[k] for k in ("empty", "ascii", "crlf", "emoji-zwj", "invalid-utf8", "nul-bytes", "only-whitespace", "markdown", "long-line", "lone-high-surrogate")}
cli.update({
    "bom": b"\xef\xbb\xbfText after a BOM. More text here for the budget.",
    "utf16-bom": b"\xff\xfeh\x00i\x00.\x00",
    "markup": markup["keep"] + b" " + b"filler words " * 100,
    "keep-over-budget": b"<squeeze keep>" + b"protected words " * 200 + b"</squeeze>",
})

targets = {
    "segmenter": text_common,
    "markup": {**markup, **{k: text_common[k] for k in ("empty", "emoji-zwj", "lone-high-surrogate", "crlf")}},
    "unigram": {**text_common, **{"markup-" + k: v for k, v in markup.items()}},
    "code": {**code, **{k: text_common[k] for k in ("empty", "emoji-zwj", "lone-high-surrogate", "markdown", "invalid-utf8")}},
    "model": model,
    "cli": cli,
}
for target, seeds in targets.items():
    folder = root / target
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("seed-*"):
        old.unlink()
    for name, data in seeds.items():
        (folder / ("seed-" + name)).write_bytes(data)
    print(target, len(seeds))
