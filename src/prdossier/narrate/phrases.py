"""Every sentence template of the report, in each language. Templates only phrase facts."""

from __future__ import annotations

from msgspec import Struct


class Phrases(Struct, frozen=True, kw_only=True):
    change_types: dict[str, str]
    categories: dict[str, str]
    statuses: dict[str, str]
    risk_tags: dict[str, str]
    idiom_names: dict[str, str]
    idiom_details: dict[str, str]
    risk_parts: dict[str, str]
    any_version: str
    step_idiom: str
    list_sep: str
    one_liner: str
    one_liner_files: str
    urgency_high: str
    urgency_large: str
    urgency_normal: str
    urgency_quick: str
    urgency_skim: str
    start_with: str
    motivation_body: str
    motivation_commits: str
    motivation_refs: str
    motivation_closes: str
    motivation_none: str
    relations: dict[str, str]
    step_file: str
    step_group: str
    step_more: str
    step_more_items: str
    imports_more: str
    adds: str
    changes: str
    removes: str
    moved_in: str
    renames: str
    signature: str
    async_changes: dict[str, str]
    defaults_changed: str
    symbol_extras: str
    edits: dict[str, str]
    symbol_edits: str
    edit_sep: str
    edited_note: str
    decorator_added: str
    decorator_removed: str
    import_moved: str
    imports_added: str
    imports_removed: str
    names_imported: str  # an import statement that binds more names than before
    names_no_longer_imported: str
    new_file: str
    deleted_file: str
    deleted_unread: str
    renamed_from: str
    lines_only: str
    layout_only: str
    snippet_cut: str
    not_analysed: str
    notes: dict[str, str]  # per kind of note, its sentence over the note's particulars
    sides: dict[str, str]
    impact_users_tags: str
    impact_users_code: str
    impact_users_none: str
    impact_system: str
    impact_system_wiring: str
    impact_system_none: str
    impact_team_tests: str
    impact_team_no_tests: str
    impact_team_none: str
    no_review: str
    review_empty: str
    review_overview: str
    review_nobody: str
    review_unresolved: str
    review_categories: dict[str, str]
    review_outcomes: dict[str, str]
    review_basis: dict[str, str]
    review_thread: str
    review_bot: str
    review_severity: str
    review_contradicted: dict[str, str]
    no_related_not_pr: str
    no_related_not_indexed: str
    no_related_none: str
    link_types: dict[str, str]
    link_reasons: dict[str, str]
    revert_basis: dict[str, str]
    merged_when: dict[str, str]
    day_spans: dict[str, str]  # how long apart two merges were: "0" days, "1", and "n"
    no_risks: str
    no_files: str
    no_key_symbols: str
    no_snippets_removed: str
    no_snippets_not_product: str
    module_level: str
    code_context: str
    sentence_end: str
    reference: str


ZH = Phrases(
    change_types={
        "deletion": "删除文件", "dependency-wiring": "依赖与导入调整", "data-contract": "接口契约变更",
        "configuration": "配置与版本调整", "infrastructure": "构建与 CI 脚本", "test-coverage": "测试",
        "docs": "文档", "core-logic": "核心逻辑",
    },
    categories={"source": "源码", "test": "测试", "infra": "基础设施", "docs": "文档",
                "config": "配置", "benchmark": "基准测试"},
    statuses={"added": "新增", "removed": "删除", "changed": "修改", "moved": "迁入", "renamed": "改名"},
    risk_tags={"unresolved-review": "合入时仍有未回应的评审意见",
               "no-tests": "未配套测试", "import-wiring": "导入结构变化",
               "interface-change": "接口变化", "large-change": "改动量大", "file-removal": "删除文件",
               "analysis-incomplete": "部分内容未能分析", "platform-import": "平台相关导入无保护",
               "import-cascade": "导入失败会级联", "attribute-error": "属性可能未定义",
               "import-guard-change": "导入保护方式变化", "decorator-dropped": "装饰器被移除",
               "dependency-pin": "依赖版本变化", "module-split": "模块拆分",
               "upstream-patch": "导入时改写第三方包"},
    risk_parts={
        "platform": "`{package}` 只在部分平台上可用",
        "platform-declared": "`{package}` 只在部分平台上可用（仅声明于 {extras}）",
        "optional": "`{package}` 是可选依赖（仅在 {extras} 中）",
        "PRD101/unguarded": "，但 `{module}` 在导入时无保护地导入它",
        "PRD101/reached": "；导入顶层包就会执行这条导入",
        "PRD102/annotations": "{names} 只出现在类型注解中，但 `{statement}` 在导入时执行",
        "PRD102/not-everywhere": "；并非所有平台都装有 `{package}`",
        "PRD103/module-gone": "模块 `{base}` 已不存在",
        "PRD103/name-undefined": "`{base}` 不再定义 `{name}`",
        "PRD103/cascade": "；另有 {count} 个模块随之无法导入",
        "PRD103/registries": "，{registries} 个注册表失去条目",
        "PRD104/partial": "`{method}` 读取 {names}，但 `{init}` 只在部分路径上赋值（第 {lines} 行）",
        "PRD105/lacks": ("`{symbol}` 缺少 `@{decorator}`，"
                         "而这里 {members} 个 `{family}` 函数中有 {count} 个带有它"),
        "PRD106/same-body": "`{symbol}` 与 {copies} 的函数体相同",
        "PRD107/two-sources": "`{name}` 在这里从 `{base}` 导入，而另有 {count} 处从 `{common}` 导入",
        "PRD108/untested": "{files} 个文件中有 {lines} 行产品逻辑改动，却没有改动任何测试文件",
        "PRD110/patch": "导入 `{module}` 时会改写第三方包 {package} 的 `{target}`",
        "PRD110/through": "（经由 `{function}()`，{where} 第 {line} 行）",
        "PRD110/reached": "；导入顶层包就会执行",
        "PRD109/no-keyword": ("{distribution} {version}（锁定 `{specifier}`）中的 `{target}` "
                              "不接受关键字参数 `{keyword}`"),
    },
    idiom_details={
        "adapter-wrapper": "在此定义，取代 `{subject}`",
        "api-capability-probe": "使用前先探测 `{subject}` 是否存在",
        "attribute-access-defaulted": "`{subject}` 改为经 getattr/hasattr 读取",
        "decorator-added": "`{symbol}` 新增 `{subject}`",
        "decorator-removed": "`{symbol}` 去掉 `{subject}`",
        "decorator-removed/moved": "`{symbol}` 从 `{context}` 迁出时去掉 `{subject}`",
        "dependency-pin-changed/changed": "`{subject}`：`{was}` → `{context}`",
        "dependency-pin-changed/added": "新增依赖 `{subject}` `{context}`",
        "dependency-pin-changed/removed": "移除依赖 `{subject}`",
        "dependency-pin-changed/version-check": "版本检查 `{subject}`",
        "import-feature-probe": "`{subject}` 放进捕获 {context} 的 `try`",
        "import-made-lazy": "`{subject}` 改为只在 `{context}` 中加载",
        "import-moved-to-type-checking": "`{subject}` 改为只供类型检查（原在{was}）",
        "import-platform-guarded": "`{subject}` 改到{context}之下",
        "import-version-guarded": "`{subject}` 置于{context}之下",
        "module-split": "`{subject}` 拆分：{context}",
        "platform-early-return": "当 `{subject}` 时提前返回",
        "symbol-moved": "从 `{subject}` 迁来",
        "symbol-moved/renamed": "从 `{subject}` 迁来（原名 `{was}`）",
    },
    any_version="任意版本",
    idiom_names={
        "import-moved-to-type-checking": "导入移入 TYPE_CHECKING",
        "import-platform-guarded": "导入加平台条件保护", "import-made-lazy": "导入改为延迟加载",
        "import-version-guarded": "按版本选择导入", "import-feature-probe": "try/except 探测导入",
        "attribute-access-defaulted": "属性访问改为带默认值", "api-capability-probe": "探测上游 API 能力",
        "platform-early-return": "不支持的平台提前返回", "adapter-wrapper": "适配层保持旧签名",
        "module-split": "模块拆分", "symbol-moved": "符号迁移", "decorator-added": "新增装饰器",
        "decorator-removed": "移除装饰器", "dependency-pin-changed": "依赖版本或版本检查变化",
    },
    step_idiom="识别到的改动模式「{name}」：{items}。",
    list_sep="、",
    one_liner="{tags}{title}：以{dominant}为主，集中在 `{module}`",
    one_liner_files="，共 {count} 个文件（+{additions}/-{deletions}）。",
    urgency_high="建议优先精读：规则检查给出了高风险发现",
    urgency_large="改动面较大，建议分模块阅读",
    urgency_normal="建议正常阅读",
    urgency_quick="改动小而集中，快速浏览即可",
    urgency_skim="未改动产品代码，略读即可",
    start_with="；先看 `{target}`（{why}）。",
    motivation_body="PR 描述中的说明（原文）：“{text}”",
    motivation_commits="合并前的提交记录：{messages}。",
    motivation_refs="文中引用：{refs}。",
    motivation_closes="GitHub 记录它关闭的 issue：{issues}。",
    motivation_none="PR 没有正文说明，标题是唯一陈述的动机：“{title}”。",
    relations={"closes": "声明修复", "depends-on": "依赖", "follow-up": "后续于", "reverts": "回滚",
               "mentions": "提及"},
    step_file="`{path}`（{change_type}）：{clauses}。",
    step_group="{label}：{files}。",
    step_more="另有 {count} 个源码文件改动：{files}。",
    step_more_items="另有 {count} 处",
    imports_more="另有 {count} 处导入调整",
    adds="新增 {names}",
    changes="修改 {names}",
    removes="删除 {names}",
    moved_in="从 `{origin}` 迁入 {names}",
    renames="改名 {names}",
    signature="签名变化",
    async_changes={"added": "改为协程 async def，调用方须 await",
                   "removed": "不再是协程，调用方不能再 await"},
    defaults_changed="默认值 {changes}",
    symbol_extras="（{extras}）",
    edits={
        "call-replaced": "改为调用 `{subject}`（原为 `{was}`）",
        "read-replaced": "改为读取 `{subject}`（原为 `{was}`）",
        "keywords-added": "调用 `{subject}` 时新增参数 {items}",
        "keywords-removed": "调用 `{subject}` 时不再传 {items}",
        "keywords-changed": "调用 `{subject}` 时参数改为 {items}（原为 `{was}`）",
        "raise-added": "新增抛出 `{subject}`",
        "raise-removed": "不再抛出 `{subject}`",
        "test-changed": "条件由 `{was}` 改为 `{subject}`",
        "branch-added": "新增条件分支 `{subject}`",
        "branch-removed": "去掉条件分支 `{subject}`",
        "call-added": "新增调用 `{subject}`",
        "call-removed": "不再调用 `{subject}`",
        "attribute-set": "新增对 `{subject}` 的赋值",
        "attribute-unset": "去掉对 `{subject}` 的赋值",
    },
    symbol_edits="`{symbol}` 中{edits}。",
    edit_sep="；",
    edited_note="{label}：{edits}",
    decorator_added="新增装饰器 @{name}",
    decorator_removed="去掉装饰器 @{name}",
    import_moved="把 {statements} 从{old}移到{new}",
    imports_added="新增导入 {names}",
    imports_removed="移除导入 {names}",
    names_imported="从 `{module}` 多导入 {names}",
    names_no_longer_imported="从 `{module}` 不再导入 {names}",
    new_file="新文件，{lines} 行",
    deleted_file="整个文件被删除（{lines} 行）",
    deleted_unread="整个文件被删除（{why}）",
    renamed_from="由 `{old}` 改名而来",
    lines_only="+{additions}/-{deletions} 行",
    layout_only="仅调整排版（+{additions}/-{deletions} 行），语法树不变",
    snippet_cut="（仅显示前 {lines} 行）",
    not_analysed="说明：{why}",
    notes={
        "renames-undetected": "未做重命名检测：克隆中缺少部分对象",
        "empty-change": "空变更：该提交未改动任何文件",
        "submodule": "子模块指向变更：{ids}",
        "symlink": "符号链接，指向：{targets}",
        "mode-changed": "文件权限变更：{modes}",
        "content-missing": "克隆中缺少文件内容（部分克隆），未分析",
        "binary": "二进制文件，未分析内容",
        "too-large": "文件超过 {limit} 字节，未分析内容",
        "not-utf8": "不是合法的 UTF-8 文本，无法解码的字节已替换",
        "diff-capped": "差异共 {lines} 行，超过上限 {limit}，逐行分析从略",
        "texts-capped": "本次变更共改动 {lines} 行，超过上限 {limit}：改动最多的 {files} 个文件只计行数",
        "api-files-capped": "GitHub 每个 PR 最多列出 {limit} 个文件，其余文件缺失",
        "api-texts-capped": "只完整读取了前 {limit} 个文件",
        "api-no-patch": "GitHub 未提供补丁（二进制文件或差异过大），未分析内容",
        "api-patch-unreadable": "无法读取 GitHub 的补丁，未分析内容",
        "api-content-failed": "未能从 GitHub 读取内容（{error}）",
        "api-too-large": "文件超出 GitHub 内容接口的大小上限，未分析内容",
        "api-undecodable": "GitHub 返回的内容无法解码，未分析",
        "api-empty-change": "空变更：GitHub 未列出任何改动文件",
        "does-not-parse": "{side}版本无法解析（{error}），改用按行摘要",
        "rule-failed": "规则 {name} 执行失败：{error}",
        "idiom-failed": "模式识别器 {name} 执行失败：{error}",
        "analysis-failed": "分析失败：{error}",
        "partly-checked": "无法解析（{error}），只按能读出的行做了检查",
    },
    sides={"old": "旧", "new": "新"},
    impact_users_tags="面向 {tags} 平台/方向的用户",
    impact_users_code="使用 {modules} 的用户可能感知到行为变化",
    impact_users_none="没有改动产品代码，用户侧行为不变",
    impact_system="涉及模块：{modules}",
    impact_system_wiring="；导入结构有变化，模块加载路径受影响",
    impact_system_none="没有改动任何文件，系统不受影响",
    impact_team_tests="同时改动了 {count} 个测试文件",
    impact_team_no_tests="产品逻辑改动没有配套测试改动，回归依赖人工验证",
    impact_team_none="对维护流程无直接影响",
    no_review="暂无评审数据：本报告只读取了本地克隆，没有获取 GitHub 上的评论。",
    review_empty="已读取 {source} 的 GitHub 数据，但这个 PR 没有评审讨论。",
    review_overview="共 {threads} 个讨论串（来源 GitHub {source}）；参与评审：{reviewers}；"
                    "批准：{approvals}。",
    review_nobody="无",
    review_unresolved="其中 {count} 条问题类意见在合入时仍未得到回应。",
    review_categories={"correctness": "正确性", "performance": "性能", "design": "设计",
                       "style": "风格", "security": "安全", "other": "其他"},
    review_outcomes={"fixed": "已修复", "answered": "已答复", "accepted": "已接受",
                     "unanswered": "未回应", "outdated": "已过时"},
    review_basis={"lines-changed": "第 {detail} 行在之后的提交中被修改",
                  "file-removed": "该文件在之后的提交中被删除",
                  "agreeing-reply": "回复 {detail}", "reply": "回复 {detail}",
                  "resolved": "已在 GitHub 上标记为解决，被评论的行未改动",
                  "outdated": "GitHub 标记为过时，被评论的行本身未改动",
                  "approved-later": "评审者之后批准了 PR", "nothing": "无回复、未解决、代码未改动"},
    review_thread="{who}{bot}{severity}：{excerpt} → {outcome}（{basis}）",
    review_bot="（机器人）",
    review_severity="，标注 {severity}",
    review_contradicted={
        "keyword-accepted": "与静态分析不符：项目锁定的 {distribution} {version}（`{specifier}`）中 "
                            "`{target}` 接受 `{keyword}` 参数（第 {line} 行：`{code}`）",
        "import-guarded": "与静态分析不符：第 {line} 行的 `{code}` 位于 `{guard}` 之下，评论时即已受保护，"
                          "缺少 `{target}` 时不会在导入时失败"},
    no_related_not_pr="这是一个没有 PR 编号的提交，关联分析只在 PR 之间进行。",
    no_related_not_indexed="存储中只有这一个 PR，先运行 `prdossier sync` 索引整个历史才能找到关联 PR。",
    no_related_none="在已索引的 {count} 个 PR 中，没有 PR 的关联分数达到 {threshold}。",
    link_types={"prerequisite": "前置", "follow-up": "后续", "same-series": "同一系列",
                "same-area": "同一区域", "revert": "回滚", "referenced": "引用"},
    link_reasons={
        "references": "本 PR 的描述引用了 #{number}（{relation}）",
        "referenced-by": "#{number} 的描述引用了本 PR（{relation}）",
        "reverts": "本 PR 回滚了 #{number}（依据{basis}）",
        "reverted-by": "#{number} 回滚了本 PR（依据{basis}）",
        "inverse-diff": "两者在 {items} 上的增删行数正好相反",
        "same-series": "同一系列：本 PR 为 {first}，#{number} 为 {second}",
        "fixes": "本 PR 标题为修复，与 #{number} 的合入相隔 {span}，改动了相同的符号",
        "fixed-by": "#{number} 标题为修复，与本 PR 的合入相隔 {span}，改动了相同的符号",
        "shared-symbols": "改动了相同的符号（共 {detail} 个）：{items}",
        "shared-files": "改动了相同的文件（共 {detail} 个）：{items}",
        "same-tag": "同为 {items} 标签，合入相隔 {span}",
        "merged-apart": "合入时间{when} {span}",
    },
    revert_basis={"commit": "提交 {value}", "title": "标题“{value}”"},
    merged_when={"earlier": "早于本 PR", "later": "晚于本 PR"},
    day_spans={"0": "1 天内", "1": "1 天", "n": "{days} 天"},
    no_risks="已运行的规则（{rules}）在本次改动中没有发现风险。",
    no_files="无：这次提交没有改动任何文件。",
    no_key_symbols="无：分析能读出符号的文件（Python、C/C++、CUDA、Rust、Java）中没有函数、类或常量发生变化。",
    no_snippets_removed="无：本次改动只删除了产品代码，没有新代码可摘录。",
    no_snippets_not_product="无：本次改动没有涉及产品源文件，代码片段只摘录新的产品代码。",
    module_level="模块顶层",
    code_context=" `{context}` ",
    sentence_end="。",
    reference="{ref}（{relation}）",
)

EN = Phrases(
    change_types={
        "deletion": "file removal", "dependency-wiring": "dependency wiring",
        "data-contract": "interface contract", "configuration": "configuration",
        "infrastructure": "CI and build", "test-coverage": "tests", "docs": "documentation",
        "core-logic": "core logic",
    },
    categories={"source": "source", "test": "test", "infra": "infra", "docs": "docs",
                "config": "config", "benchmark": "benchmark"},
    statuses={"added": "added", "removed": "removed", "changed": "changed", "moved": "moved in",
              "renamed": "renamed"},
    risk_tags={"unresolved-review": "merged with unresolved review findings",
               "no-tests": "no tests", "import-wiring": "import wiring changed",
               "interface-change": "interface change", "large-change": "large change",
               "file-removal": "files removed", "analysis-incomplete": "analysis incomplete",
               "platform-import": "unguarded platform import", "import-cascade": "import failure cascades",
               "attribute-error": "possibly undefined attribute",
               "import-guard-change": "import guard changed", "decorator-dropped": "decorator dropped",
               "dependency-pin": "dependency pin changed", "module-split": "module split",
               "upstream-patch": "patches a dependency on import"},
    risk_parts={},  # the rules' own English messages are used
    idiom_details={
        "adapter-wrapper": "defined here in place of `{subject}`",
        "api-capability-probe": "probes `{subject}` before using it",
        "attribute-access-defaulted": "`{subject}` now read through getattr/hasattr",
        "decorator-added": "`{subject}` added to `{symbol}`",
        "decorator-removed": "`{subject}` removed from `{symbol}`",
        "decorator-removed/moved": "`{subject}` removed from `{symbol}` while moving it from `{context}`",
        "dependency-pin-changed/changed": "`{subject}`: `{was}` → `{context}`",
        "dependency-pin-changed/added": "`{subject}` added `{context}`",
        "dependency-pin-changed/removed": "`{subject}` removed",
        "dependency-pin-changed/version-check": "version check `{subject}`",
        "import-feature-probe": "`{subject}` in a `try` that catches {context}",
        "import-made-lazy": "`{subject}` now loaded by `{context}` only",
        "import-moved-to-type-checking": "`{subject}` now only for type checkers (was {was})",
        "import-platform-guarded": "`{subject}` now under {context}",
        "import-version-guarded": "`{subject}` under {context}",
        "module-split": "`{subject}` split: {context}",
        "platform-early-return": "returns early when `{subject}`",
        "symbol-moved": "moved from `{subject}`",
        "symbol-moved/renamed": "moved from `{subject}` (was `{was}`)",
    },
    any_version="any",
    idiom_names={
        "import-moved-to-type-checking": "import moved to TYPE_CHECKING",
        "import-platform-guarded": "import put under a platform check",
        "import-made-lazy": "import made lazy", "import-version-guarded": "import chosen by version",
        "import-feature-probe": "import probed with try/except",
        "attribute-access-defaulted": "attribute read with a default",
        "api-capability-probe": "upstream API probed", "platform-early-return": "early return on a platform",
        "adapter-wrapper": "adapter keeps the old signature", "module-split": "module split",
        "symbol-moved": "symbol moved", "decorator-added": "decorator added",
        "decorator-removed": "decorator removed",
        "dependency-pin-changed": "dependency pin or version check changed",
    },
    step_idiom="Recognised change idiom \"{name}\": {items}.",
    list_sep=", ",
    one_liner="{tags}{title}: mostly {dominant} in `{module}`",
    one_liner_files=", {count} file{s} (+{additions}/-{deletions}).",
    urgency_high="Read closely now: a rule reported a high-severity finding",
    urgency_large="A wide change: read it module by module",
    urgency_normal="Worth a normal read",
    urgency_quick="Small and focused: a quick read",
    urgency_skim="No product code changed: skim it",
    start_with="; start with `{target}` ({why}).",
    motivation_body="The PR description says: “{text}”",
    motivation_commits="Commits squashed into it: {messages}.",
    motivation_refs="It references {refs}.",
    motivation_closes="On GitHub it closes {issues}.",
    motivation_none="The PR has no description; its title is the only stated reason: “{title}”.",
    relations={"closes": "closes", "depends-on": "depends on", "follow-up": "follows up",
               "reverts": "reverts", "mentions": "mentions"},
    step_file="`{path}` ({change_type}): {clauses}.",
    step_group="{label}: {files}.",
    step_more="{count} more source file{s} changed: {files}.",
    step_more_items="{count} more",
    imports_more="{count} more import changes",
    adds="adds {names}",
    changes="changes {names}",
    removes="removes {names}",
    moved_in="receives {names} moved from `{origin}`",
    renames="renames {names}",
    signature="signature changed",
    async_changes={"added": "made a coroutine, async def: callers must await it",
                   "removed": "no longer a coroutine: callers cannot await it"},
    defaults_changed="default {changes}",
    symbol_extras=" ({extras})",
    edits={
        "call-replaced": "calls `{subject}` instead of `{was}`",
        "read-replaced": "reads `{subject}` instead of `{was}`",
        "keywords-added": "passes {items} to `{subject}`",
        "keywords-removed": "no longer passes {items} to `{subject}`",
        "keywords-changed": "passes {items} to `{subject}` (was `{was}`)",
        "raise-added": "raises `{subject}`",
        "raise-removed": "no longer raises `{subject}`",
        "test-changed": "tests `{subject}` where it tested `{was}`",
        "branch-added": "adds a branch on `{subject}`",
        "branch-removed": "drops the branch on `{subject}`",
        "call-added": "calls `{subject}`",
        "call-removed": "no longer calls `{subject}`",
        "attribute-set": "sets `{subject}`",
        "attribute-unset": "no longer sets `{subject}`",
    },
    symbol_edits=" `{symbol}` {edits}.",
    edit_sep="; ",
    edited_note="{label}: {edits}",
    decorator_added="decorator @{name} added",
    decorator_removed="decorator @{name} removed",
    import_moved="moves {statements} from {old} to {new}",
    imports_added="imports {names}",
    imports_removed="drops {names}",
    names_imported="also imports {names} from `{module}`",
    names_no_longer_imported="no longer imports {names} from `{module}`",
    new_file="new file, {lines} line{s}",
    deleted_file="file removed ({lines} line{s})",
    deleted_unread="file removed ({why})",
    renamed_from="renamed from `{old}`",
    lines_only="+{additions}/-{deletions} lines",
    layout_only="layout only (+{additions}/-{deletions} lines): the syntax tree is unchanged",
    snippet_cut=" (first {lines} lines shown)",
    not_analysed="note: {why}",
    notes={
        "renames-undetected": "rename detection skipped: some objects are missing from the clone",
        "empty-change": "empty change: the commit changes no file",
        "submodule": "submodule moved: {ids}",
        "symlink": "symbolic link to {targets}",
        "mode-changed": "mode changed {modes}",
        "content-missing": "content missing from the clone (partial clone); not analysed",
        "binary": "binary file; content not analysed",
        "too-large": "file larger than {limit} bytes; content not analysed",
        "not-utf8": "not valid UTF-8; undecodable bytes replaced",
        "diff-capped": "diff of {lines} lines exceeds {limit}; line-level analysis capped",
        "texts-capped": ("the change's {lines} changed lines exceed {limit}; the {files} files "
                         "changing the most were counted, not read"),
        "api-files-capped": "GitHub lists at most {limit} files of a PR; later files are missing",
        "api-texts-capped": "only the first {limit} files were read in full",
        "api-no-patch": "GitHub sent no patch (binary file or diff too large); content not analysed",
        "api-patch-unreadable": "GitHub's patch could not be read; content not analysed",
        "api-content-failed": "content not read from GitHub ({error})",
        "api-too-large": "file too large for GitHub's contents API; content not analysed",
        "api-undecodable": "GitHub sent undecodable content; not analysed",
        "api-empty-change": "empty change: GitHub lists no changed file",
        "does-not-parse": "{side} version does not parse ({error}); line-based summary used",
        "rule-failed": "rule {name} failed: {error}",
        "idiom-failed": "idiom {name} failed: {error}",
        "analysis-failed": "analysis failed: {error}",
        "partly-checked": "does not parse ({error}); checked only as far as its lines could be read",
    },
    sides={"old": "old", "new": "new"},
    impact_users_tags="users of the {tags} platforms or areas",
    impact_users_code="users of {modules} may see changed behaviour",
    impact_users_none="no product code changed; nothing changes for users",
    impact_system="modules touched: {modules}",
    impact_system_wiring="; import wiring changed, so module loading paths are affected",
    impact_system_none="no file changed; the system is unaffected",
    impact_team_tests="{count} test file{s} changed with it",
    impact_team_no_tests="product logic changed without a test change; regressions rely on manual checks",
    impact_team_none="no direct effect on how the team works",
    no_review="No review data: the repository was read from a local clone only, not from GitHub.",
    review_empty="GitHub data of {source} was read, and this PR has no review discussion.",
    review_overview="{threads} threads (from GitHub {source}); reviewers: {reviewers}; "
                    "approved by: {approvals}.",
    review_nobody="nobody",
    review_unresolved=" {count} of the findings were merged without a response.",
    review_categories={"correctness": "correctness", "performance": "performance",
                       "design": "design", "style": "style", "security": "security",
                       "other": "other"},
    review_outcomes={"fixed": "fixed", "answered": "answered", "accepted": "accepted",
                     "unanswered": "unanswered", "outdated": "outdated"},
    review_basis={"lines-changed": "line {detail} changed by a later commit of the PR",
                  "file-removed": "the file was removed by a later commit of the PR",
                  "agreeing-reply": "reply {detail}", "reply": "reply {detail}",
                  "resolved": "resolved on GitHub, the commented lines unchanged",
                  "outdated": "outdated on GitHub, the commented lines themselves unchanged",
                  "approved-later": "the reviewer approved the PR later",
                  "nothing": "no reply, not resolved, code unchanged"},
    review_thread="{who}{bot}{severity}: {excerpt} → {outcome} ({basis})",
    review_bot=" (bot)",
    review_severity=", marked {severity}",
    review_contradicted={
        "keyword-accepted": "contradicted by the analysis: `{target}` accepts `{keyword}` in "
                            "{distribution} {version}, which the project pins (`{specifier}`); "
                            "line {line}: `{code}`",
        "import-guarded": "contradicted by the analysis: `{code}` (line {line}) sits under "
                          "`{guard}` and did when the comment was written, so a missing "
                          "`{target}` does not fail at import time"},
    no_related_not_pr="This is a commit without a PR number; links are computed between PRs.",
    no_related_not_indexed="This is the only PR in the store: run `prdossier sync` to index the "
                           "history, then related PRs can be found.",
    no_related_none="None of the {count} indexed PRs reaches a relation score of {threshold}.",
    link_types={"prerequisite": "prerequisite", "follow-up": "follow-up",
                "same-series": "same series", "same-area": "same area", "revert": "revert",
                "referenced": "referenced"},
    link_reasons={
        "references": "this PR's description names #{number} ({relation})",
        "referenced-by": "#{number}'s description names this PR ({relation})",
        "reverts": "this PR reverts #{number} (by {basis})",
        "reverted-by": "#{number} reverts this PR (by {basis})",
        "inverse-diff": "its line counts are the exact inverse in {items}",
        "same-series": "same series: {first} here, {second} in #{number}",
        "fixes": "this fix-titled PR changes the same symbols {span} after #{number}",
        "fixed-by": "#{number}, titled as a fix, changes the same symbols {span} later",
        "shared-symbols": "changes the same symbols ({detail}): {items}",
        "shared-files": "changes the same files ({detail}): {items}",
        "same-tag": "same tag {items}, merged {span} apart",
        "merged-apart": "merged {span} {when}",
    },
    revert_basis={"commit": "commit {value}", "title": 'title "{value}"'},
    merged_when={"earlier": "earlier", "later": "later"},
    day_spans={"0": "less than a day", "1": "1 day", "n": "{days} days"},
    no_risks="The rules that ran ({rules}) found no risk in this change.",
    no_files="None: the change touches no file.",
    no_key_symbols="None: no function, class or constant changed in the files the analysis reads symbols"
                   " from (Python, C, C++, CUDA, Rust, Java).",
    no_snippets_removed="None: the change only removes product code; there is no new code to show.",
    no_snippets_not_product="None: no product source file changed; excerpts show new product code only.",
    module_level="module level",
    code_context="`{context}`",
    sentence_end=".",
    reference="{ref} ({relation})",
)

PHRASES = {"zh": ZH, "en": EN}
