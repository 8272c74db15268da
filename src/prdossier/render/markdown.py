"""The report as Markdown, headings and labels in the report's language."""

from __future__ import annotations

from functools import cache

import jinja2
import platformdirs

from prdossier.narrate.phrases import PHRASES
from prdossier.narrate.report import Report

HEADINGS = {
    "zh": {
        "header": "PR #{id} 完整报告", "commit_header": "提交 {id} 完整报告",
        "summary": "执行摘要", "motivation": "功能与动机",
        "implementation": "实现拆解", "files": "关键文件", "key_symbols": "关键符号",
        "snippets": "关键源码片段", "review": "评论区精华", "risks": "风险与影响",
        "related": "关联脉络", "idioms": "变更模式",
    },
    "en": {
        "header": "PR #{id} report", "commit_header": "Commit {id} report",
        "summary": "Executive summary", "motivation": "Motivation",
        "implementation": "Implementation", "files": "Key files", "key_symbols": "Key symbols",
        "snippets": "Key code", "review": "Review highlights", "risks": "Risks and impact",
        "related": "Related PRs", "idioms": "Change idioms",
    },
}
LABELS = {
    "zh": {
        "merged": "合并时间", "author": "作者", "link": "链接", "one_liner": "一句话",
        "recommendation": "推荐动作", "module": "模块", "category": "类别", "type": "类型",
        "symbols": "符号", "none": "无", "risk_list": "风险", "impact": "影响",
        "users": "用户", "system": "系统", "team": "团队", "tags": "风险标记",
        "level": "风险等级", "evidence": "证据", "affected": "受影响", "warnings": "分析说明：",
        "commit": "提交", "base": "基线", "link_meta": "（{type}，得分 {score:.2f}）：",
    },
    "en": {
        "merged": "Merged", "author": "Author", "link": "Link", "one_liner": "In one line",
        "recommendation": "Recommended action", "module": "module", "category": "category",
        "type": "type", "symbols": "symbols", "none": "none", "risk_list": "Risks",
        "impact": "Impact", "users": "Users", "system": "System", "team": "Team",
        "tags": "Risk tags", "level": "Risk level", "evidence": "evidence",
        "affected": "affected", "warnings": "Analysis notes:",
        "commit": "Commit", "base": "Base", "link_meta": " ({type}, score {score:.2f}): ",
    },
}
_FENCE_LANGUAGES = {".py": "python", ".pyi": "python", ".cu": "cuda", ".cuh": "cuda",
                    ".cpp": "cpp", ".cc": "cpp", ".h": "c", ".c": "c", ".sh": "bash",
                    ".toml": "toml", ".yaml": "yaml", ".yml": "yaml", ".rs": "rust", ".java": "java"}


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("prdossier.render", "templates"),
        bytecode_cache=_bytecode_cache(),
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["fence"] = _fence_language
    return env


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept in the user's cache folder: compiling costs more than a render."""
    folder = platformdirs.user_cache_path("prdossier") / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def _fence_language(path: str) -> str:
    return next((lang for suffix, lang in _FENCE_LANGUAGES.items() if path.endswith(suffix)), "")


def render_markdown(report: Report) -> str:
    language = report.meta.language
    template = _environment().get_template("report.md.j2")
    return template.render(
        r=report, h=HEADINGS[language], t=LABELS[language],
        words=PHRASES[language],
    )
