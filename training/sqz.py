"""Shared code for the squeeze-mini language model: a plain Llama (HF LlamaForCausalLM-compatible
parameter names), corpus loading, bpb evaluation, ONNX export wrappers.

Parameter names match transformers' LlamaForCausalLM exactly:
  model.embed_tokens.weight, model.layers.N.{input_layernorm,post_attention_layernorm}.weight,
  model.layers.N.self_attn.{q,k,v,o}_proj.weight, model.layers.N.mlp.{gate,up,down}_proj.weight,
  model.norm.weight; lm_head is tied to model.embed_tokens.weight.
"""
import json
import lzma
import math
import os
import re

import torch
import torch.nn as nn
import torch.nn.functional as F

EOT = "<|endoftext|>"
EOT_ID = 0
# The GPT-2 pre-tokenizer regex (what tokenizers' ByteLevel(use_regex=True) applies).
GPT2_REGEX = r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""


class Cfg:
    def __init__(self, vocab=8192, d=256, layers=4, heads=4, ffn=704, maxpos=1024, theta=10000.0, eps=1e-5):
        self.vocab, self.d, self.layers, self.heads, self.ffn = vocab, d, layers, heads, ffn
        self.maxpos, self.theta, self.eps = maxpos, theta, eps
        assert d % heads == 0
        self.head_dim = d // heads

    def to_dict(self):
        return dict(vocab=self.vocab, d=self.d, layers=self.layers, heads=self.heads, ffn=self.ffn,
                    maxpos=self.maxpos, theta=self.theta, eps=self.eps)

    def hf_config(self, dtype="float32"):
        from transformers import LlamaConfig
        return LlamaConfig(vocab_size=self.vocab, hidden_size=self.d, intermediate_size=self.ffn,
                           num_hidden_layers=self.layers, num_attention_heads=self.heads,
                           num_key_value_heads=self.heads, head_dim=self.head_dim, hidden_act="silu",
                           max_position_embeddings=self.maxpos, rms_norm_eps=self.eps, rope_theta=self.theta,
                           attention_bias=False, mlp_bias=False, tie_word_embeddings=True,
                           bos_token_id=EOT_ID, eos_token_id=EOT_ID, pad_token_id=EOT_ID,
                           initializer_range=0.02, use_cache=True,
                           architectures=["LlamaForCausalLM"])


class RMSNorm(nn.Module):
    def __init__(self, d, eps):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(d))
        self.eps = eps

    def forward(self, x):
        dt = x.dtype
        h = x.float()
        h = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + self.eps)
        return self.weight * h.to(dt)


def rotate_half(x):
    h = x.shape[-1] // 2
    return torch.cat((-x[..., h:], x[..., :h]), dim=-1)


class Attention(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.h, self.hd = c.heads, c.head_dim
        self.q_proj = nn.Linear(c.d, c.d, bias=False)
        self.k_proj = nn.Linear(c.d, c.d, bias=False)
        self.v_proj = nn.Linear(c.d, c.d, bias=False)
        self.o_proj = nn.Linear(c.d, c.d, bias=False)

    def forward(self, x, cos, sin, past_k=None, past_v=None, mask=None):
        B, T, D = x.shape
        q = self.q_proj(x).view(B, T, self.h, self.hd).transpose(1, 2)
        k = self.k_proj(x).view(B, T, self.h, self.hd).transpose(1, 2)
        v = self.v_proj(x).view(B, T, self.h, self.hd).transpose(1, 2)
        q = (q * cos + rotate_half(q) * sin).to(v.dtype)
        k = (k * cos + rotate_half(k) * sin).to(v.dtype)
        if past_k is not None:
            k = torch.cat([past_k, k], dim=2)
            v = torch.cat([past_v, v], dim=2)
        if mask is None:
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:
            att = torch.matmul(q, k.transpose(2, 3)) * (1.0 / math.sqrt(self.hd)) + mask
            att = torch.softmax(att.float(), dim=-1).to(q.dtype)
            y = torch.matmul(att, v)
        y = y.transpose(1, 2).reshape(B, T, D)
        return self.o_proj(y), k, v


class MLP(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.gate_proj = nn.Linear(c.d, c.ffn, bias=False)
        self.up_proj = nn.Linear(c.d, c.ffn, bias=False)
        self.down_proj = nn.Linear(c.ffn, c.d, bias=False)

    def forward(self, x):
        return self.down_proj(F.silu(self.gate_proj(x)) * self.up_proj(x))


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.input_layernorm = RMSNorm(c.d, c.eps)
        self.self_attn = Attention(c)
        self.post_attention_layernorm = RMSNorm(c.d, c.eps)
        self.mlp = MLP(c)

    def forward(self, x, cos, sin, past_k=None, past_v=None, mask=None):
        a, k, v = self.self_attn(self.input_layernorm(x), cos, sin, past_k, past_v, mask)
        x = x + a
        x = x + self.mlp(self.post_attention_layernorm(x))
        return x, k, v


class Inner(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embed_tokens = nn.Embedding(c.vocab, c.d)
        self.layers = nn.ModuleList([Layer(c) for _ in range(c.layers)])
        self.norm = RMSNorm(c.d, c.eps)


class SqzLM(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        self.model = Inner(c)
        inv = 1.0 / (c.theta ** (torch.arange(0, c.head_dim, 2, dtype=torch.int64).float() / c.head_dim))
        self.register_buffer("inv_freq", inv, persistent=False)

    @property
    def W(self):
        return self.model.embed_tokens.weight

    def init_weights(self, seed=0):
        g = torch.Generator().manual_seed(seed)
        for n, p in self.named_parameters():
            with torch.no_grad():
                if p.dim() == 1:
                    p.fill_(1.0)
                else:
                    std = 0.02
                    if n.endswith("o_proj.weight") or n.endswith("down_proj.weight"):
                        std = 0.02 / math.sqrt(2 * self.c.layers)
                    p.copy_(torch.randn(p.shape, generator=g) * std)

    def rope(self, pos):
        # pos: [B or 1, T] int64 -> cos, sin [B|1, 1, T, hd] (fp32)
        f = pos[..., None].float() * self.inv_freq
        emb = torch.cat((f, f), dim=-1)
        return emb.cos()[:, None], emb.sin()[:, None]

    def hidden(self, ids, pos=None, pasts=None, mask=None):
        B, T = ids.shape
        if pos is None:
            pos = torch.arange(T, device=ids.device)[None]
        cos, sin = self.rope(pos)
        x = self.model.embed_tokens(ids)
        presents = []
        for i, layer in enumerate(self.model.layers):
            pk = pv = None
            if pasts is not None:
                pk, pv = pasts[2 * i], pasts[2 * i + 1]
            x, k, v = layer(x, cos, sin, pk, pv, mask)
            presents += [k, v]
        return self.model.norm(x), presents

    def forward(self, ids):  # training / eval: full causal pass, logits
        h, _ = self.hidden(ids)
        return F.linear(h, self.W)

    def loss(self, x, y):
        logits = self(x)
        return F.cross_entropy(logits.float().view(-1, logits.size(-1)), y.reshape(-1))

    # --- state dict in HF layout (lm_head tied, not stored) ---
    def hf_state_dict(self):
        return {k: v.detach().contiguous() for k, v in self.state_dict().items()}


def surprisal_from_hidden(h, ids, W):
    """h [B,T,D] final-normed hidden, ids [B,T] -> surprisal [B,T] nats, position 0 = 0."""
    logits = F.linear(h[:, :-1], W)
    lp = torch.log_softmax(logits.float(), dim=-1)
    g = torch.gather(lp, 2, ids[:, 1:].unsqueeze(-1)).squeeze(-1)
    zero = torch.zeros_like(ids[:, :1], dtype=torch.float32)
    return torch.cat([zero, -g], dim=1)


def build_mask(attention_mask, past_len, T):
    """additive mask [B,1,T,S] (S = past_len + T): causal with offset + key padding."""
    S = attention_mask.shape[1]
    qpos = torch.arange(T, device=attention_mask.device) + past_len
    kpos = torch.arange(S, device=attention_mask.device)
    causal = kpos[None, :] <= qpos[:, None]  # [T,S]
    allowed = causal[None, None] & (attention_mask[:, None, None, :] > 0)
    return (1.0 - allowed.float()) * -1e9


class SurprisalWindows(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask):
        T = input_ids.shape[1]
        pos = torch.arange(T, device=input_ids.device)[None]
        mask = build_mask(attention_mask, 0, T)
        h, _ = self.m.hidden(input_ids, pos, None, mask)
        return surprisal_from_hidden(h, input_ids, self.m.W)


class SurprisalKV(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask, *pasts):
        T = input_ids.shape[1]
        past_len = pasts[0].shape[2]
        pos = (torch.arange(T, device=input_ids.device) + past_len)[None]
        mask = build_mask(attention_mask, past_len, T)
        h, presents = self.m.hidden(input_ids, pos, list(pasts), mask)
        return (surprisal_from_hidden(h, input_ids, self.m.W), *presents)


class LogitsPlain(nn.Module):
    """Optimum-style: input_ids, attention_mask, position_ids -> logits."""

    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask, position_ids):
        mask = build_mask(attention_mask, 0, input_ids.shape[1])
        h, _ = self.m.hidden(input_ids, position_ids, None, mask)
        return F.linear(h, self.m.W)


class LogitsKV(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask, position_ids, *pasts):
        T = input_ids.shape[1]
        past_len = pasts[0].shape[2]
        mask = build_mask(attention_mask, past_len, T)
        h, presents = self.m.hidden(input_ids, position_ids, list(pasts), mask)
        return (F.linear(h, self.m.W), *presents)


@torch.no_grad()
def torch_surprisal(m, ids_list):
    """fp32 full-pass surprisal for one id list (positions 0..n-1)."""
    dev = next(m.parameters()).device
    ids = torch.tensor([ids_list], dtype=torch.long, device=dev)
    h, _ = m.hidden(ids, None, None, build_mask(torch.ones_like(ids), 0, ids.shape[1]))
    return surprisal_from_hidden(h, ids, m.W)[0].tolist()


# ---------------- corpus ----------------
_SEP = re.compile(r"^<\|endoftext\|>\n?", re.M)


def read_docs(path):
    with lzma.open(path, "rt", encoding="utf-8", newline="") as f:
        text = f.read()
    docs = [d for d in _SEP.split(text) if d]
    return docs, len(text.encode("utf-8"))


def encode_docs(tok, docs):
    """[EOT] + doc1 + [EOT] + doc2 + [EOT] ... as a list of id lists."""
    encs = tok.encode_batch(docs, add_special_tokens=False)
    return [e.ids for e in encs]


def flat_ids(id_lists):
    import numpy as np
    n = 1 + sum(len(x) + 1 for x in id_lists)
    out = np.zeros(n, dtype=np.int32)
    p = 1
    for x in id_lists:
        out[p:p + len(x)] = x
        p += len(x) + 1
    return out


@torch.no_grad()
def eval_nats(m, ids, window=512, batch=64):
    """total nats over ids[1:], each token scored once, windows of `window` overlapping by one token."""
    dev = next(m.parameters()).device
    ids = torch.as_tensor(ids, dtype=torch.long)
    N = ids.numel()
    starts = list(range(0, N - 1, window - 1))
    total = 0.0
    count = 0
    for i in range(0, len(starts), batch):
        chunk = [ids[s:s + window] for s in starts[i:i + batch]]
        L = max(c.numel() for c in chunk)
        x = torch.zeros(len(chunk), L, dtype=torch.long)
        am = torch.zeros(len(chunk), L, dtype=torch.long)
        for j, c in enumerate(chunk):
            x[j, :c.numel()] = c
            am[j, :c.numel()] = 1
        x, am = x.to(dev), am.to(dev)
        h, _ = m.hidden(x, None, None, build_mask(am, 0, L))
        s = surprisal_from_hidden(h, x, m.W)
        valid = am.clone()
        valid[:, 0] = 0
        total += float((s.double() * valid).sum())
        count += int(valid.sum())
    return total, count


def bpb(nats, nbytes):
    return nats / math.log(2) / nbytes


def load_model(folder, device="cpu"):
    """load a training checkpoint (sqz_cfg.json) or a shipped HF folder (config.json); weights -> fp32"""
    from safetensors.torch import load_file
    if os.path.exists(os.path.join(folder, "sqz_cfg.json")):
        with open(os.path.join(folder, "sqz_cfg.json")) as f:
            c = Cfg(**json.load(f))
    else:
        with open(os.path.join(folder, "config.json")) as f:
            h = json.load(f)
        c = Cfg(vocab=h["vocab_size"], d=h["hidden_size"], layers=h["num_hidden_layers"],
                heads=h["num_attention_heads"], ffn=h["intermediate_size"], maxpos=h["max_position_embeddings"],
                eps=h["rms_norm_eps"])
    m = SqzLM(c)
    sd = load_file(os.path.join(folder, "model.safetensors"))
    sd = {k: v.float() for k, v in sd.items() if k != "lm_head.weight"}
    m.load_state_dict(sd, strict=True)
    return m.to(device).eval()
