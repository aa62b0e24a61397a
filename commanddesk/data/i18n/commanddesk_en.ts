<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <location filename="../../ui/backups.py" line="140"/>
        <source>备份时间</source>
        <translation>Backed up at</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="140"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="140"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="140"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="363"/>
        <source>未恢复，数据库未作任何改动：%1</source>
        <translation>Not restored; the database was not changed: %1</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="365"/>
        <source>已从备份恢复：%1
审计记录 %2 条，校验通过。</source>
        <translation>Restored from the backup: %1
%2 audit entries, verified.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="368"/>
        <source>原数据库已旁存为 %1</source>
        <translation>The previous database was kept as %1</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="370"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
</context>
<context>
    <name>Alarm</name>
    <message>
        <location filename="../../ui/clock_strip.py" line="482"/>
        <source>有时限已超时（值班席位已锁定）</source>
        <translation>A deadline is overdue (the duty seat is locked)</translation>
    </message>
</context>
<context>
    <name>AutoBackup</name>
    <message>
        <location filename="../../ui/backups.py" line="96"/>
        <source>正在自动备份数据库…</source>
        <translation>Backing up the database…</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="111"/>
        <source>已自动备份，但副本的审计校验未通过，不能用它恢复（原因见提示）</source>
        <translation>Backed up, but the copy failed its audit check and cannot be used to restore (see the tooltip)</translation>
    </message>
</context>
<context>
    <name>BackupsTab</name>
    <message>
        <location filename="../../ui/backups.py" line="154"/>
        <source>自动备份（启动时和每天一次）</source>
        <translation>Automatic backups (at start and once a day)</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="159"/>
        <source> 份</source>
        <translation> copies</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="160"/>
        <source>保存备份设置</source>
        <translation>Save backup settings</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="163"/>
        <source>立即备份</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="165"/>
        <source>在备份文件夹中做一份手动备份（不会被自动轮换删除）</source>
        <translation>Make a manual backup in the backup folder (never removed by the rotation)</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="169"/>
        <source>保留最近</source>
        <translation>Keep the latest</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="176"/>
        <source>从所选备份恢复…</source>
        <translation>Restore the selected backup…</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="179"/>
        <source>恢复时程序会关闭，先校验备份（完整性与审计日志），当前数据库旁存为 .replaced- 副本，恢复记入审计日志，然后重新启动。其他席位须先退出。</source>
        <translation>A restore closes the program, checks the backup (integrity and audit log), keeps the current database as a .replaced- copy, records the restore in the audit log and starts again. Other seats must quit first.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="183"/>
        <source>校验所选备份</source>
        <translation>Check the selected backup</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="185"/>
        <source>按恢复时的要求检查这份备份（完整性与审计日志），只读</source>
        <translation>Check this backup as a restore would (integrity and audit log), read only</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="221"/>
        <source>此数据库不做自动备份（演示、演练、内存或 PostgreSQL 数据库；PostgreSQL 请用 pg_dump）。</source>
        <translation>No automatic backups for this database (demo, drill, in-memory or PostgreSQL; for PostgreSQL use pg_dump).</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="252"/>
        <source>备份设置已保存。</source>
        <translation>Backup settings saved.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="260"/>
        <source>正在备份…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="295"/>
        <location filename="../../ui/backups.py" line="333"/>
        <source>请先在列表中选择一份备份。</source>
        <translation>Select a backup in the list first.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="300"/>
        <source>正在校验 %1 …</source>
        <translation>Checking %1 …</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="336"/>
        <source>用这份备份替换当前数据库吗？
%1

程序将关闭并校验备份；当前数据库旁存为 .replaced- 副本；恢复记入审计日志（%2），然后重新启动。备份之后录入的内容不在其中。</source>
        <translation>Replace the current database with this backup?
%1

The program closes and checks the backup; the current database is kept as a .replaced- copy; the restore is recorded in the audit log (%2), then the program starts again. Whatever was entered after the backup is not in it.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="339"/>
        <source>从备份恢复</source>
        <translation>Restore from backup</translation>
    </message>
    <message>
        <location filename="../../app.py" line="209"/>
        <source>用口令打不开，文件可能已损坏</source>
        <translation>no passphrase opens it; the file may be damaged</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../ui/statistics.py" line="193"/>
        <source>导出图片（PNG）…</source>
        <translation>Export image (PNG)…</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="211"/>
        <source>导出图片</source>
        <translation>Export image</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="212"/>
        <source>PNG 图片 (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
</context>
<context>
    <name>BarIncidents</name>
    <message>
        <location filename="../../ui/statistics.py" line="340"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="340"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="340"/>
        <source>接报时间</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="340"/>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="344"/>
        <source>共 %1 起，双击打开事件</source>
        <translation>%1 incidents; double-click to open one</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="345"/>
        <source>共 %1 起，列出最新 %2 起；双击打开事件</source>
        <translation>%1 incidents, the latest %2 listed; double-click to open one</translation>
    </message>
</context>
<context>
    <name>CardDialog</name>
    <message>
        <location filename="../../ui/plan_panel.py" line="269"/>
        <source>应急处置卡 — </source>
        <translation>Action card — </translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="277"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="278"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="282"/>
        <source>岗位</source>
        <translation>Role</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="323"/>
        <source>导出处置卡</source>
        <translation>Export action card</translation>
    </message>
</context>
<context>
    <name>ClockListPopup</name>
    <message>
        <location filename="../../ui/clock_strip.py" line="374"/>
        <source>正在计时 %1 项，%2 项已超时；点击打开事件</source>
        <translation>%1 running, %2 overdue; click to open the incident</translation>
    </message>
    <message>
        <location filename="../../ui/clock_strip.py" line="386"/>
        <source>%1 项</source>
        <translation>%1 items</translation>
    </message>
    <message>
        <location filename="../../ui/clock_strip.py" line="387"/>
        <source>，%1 超时</source>
        <translation>, %1 overdue</translation>
    </message>
    <message>
        <location filename="../../ui/clock_strip.py" line="400"/>
        <source>（当前事件）</source>
        <translation>(current incident)</translation>
    </message>
</context>
<context>
    <name>ClockStrip</name>
    <message>
        <location filename="../../ui/clock_strip.py" line="144"/>
        <source>没有正在计时的报告时限</source>
        <translation>No reporting deadline running</translation>
    </message>
    <message>
        <location filename="../../ui/clock_strip.py" line="160"/>
        <source>另有 %1 项 ▾</source>
        <translation>%1 more ▾</translation>
    </message>
    <message>
        <location filename="../../ui/clock_strip.py" line="161"/>
        <location filename="../../ui/clock_strip.py" line="172"/>
        <source>另有 %1 项（%2 超时）▾</source>
        <translation>%1 more (%2 overdue) ▾</translation>
    </message>
    <message>
        <location filename="../../ui/clock_strip.py" line="162"/>
        <source>全部 %1 项 ▾</source>
        <translation>All %1 ▾</translation>
    </message>
    <message>
        <location filename="../../ui/clock_strip.py" line="184"/>
        <source>当前：%1</source>
        <translation>Current: %1</translation>
    </message>
    <message>
        <location filename="../../ui/clock_strip.py" line="229"/>
        <source>报告时限：当前没有正在计时的时限</source>
        <translation>Deadlines: none running</translation>
    </message>
    <message>
        <location filename="../../ui/clock_strip.py" line="297"/>
        <source>列出全部正在计时的时限（按事件分组，最紧迫的在前；任何页面按 F9）</source>
        <translation>List every running deadline (grouped by incident, most urgent first; F9 on any page)</translation>
    </message>
    <message>
        <location filename="../../ui/clock_strip.py" line="303"/>
        <source>打开当前事件</source>
        <translation>Open current incident</translation>
    </message>
</context>
<context>
    <name>DailyDialog</name>
    <message>
        <location filename="../../ui/daily.py" line="42"/>
        <source>值班日报</source>
        <translation>Daily duty report</translation>
    </message>
    <message>
        <location filename="../../ui/daily.py" line="58"/>
        <source>值班日</source>
        <translation>Duty day</translation>
    </message>
    <message>
        <location filename="../../ui/daily.py" line="60"/>
        <source>重新汇总</source>
        <translation>Assemble again</translation>
    </message>
    <message>
        <location filename="../../ui/daily.py" line="64"/>
        <source>导出 Word…</source>
        <translation>Export Word…</translation>
    </message>
    <message>
        <location filename="../../ui/daily.py" line="66"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/daily.py" line="68"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/daily.py" line="89"/>
        <source>接报 %1 起 · 报送 %2 份 · 时限按时 %3 / 迟报 %4 / 未完成 %5 · 批示 %6 条（逾期 %7）· 交接班 %8 次</source>
        <translation>%1 incidents · %2 reports sent · deadlines on time %3 / late %4 / open %5 · %6 instructions (%7 overdue) · %8 handovers</translation>
    </message>
    <message>
        <location filename="../../ui/daily.py" line="113"/>
        <source>日报没有内容：每段须以【标题】开头。</source>
        <translation>The report is empty: each section must start with 【heading】.</translation>
    </message>
    <message>
        <location filename="../../ui/daily.py" line="116"/>
        <source>Word 文档 (*.docx)</source>
        <translation>Word documents (*.docx)</translation>
    </message>
    <message>
        <location filename="../../ui/daily.py" line="116"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/daily.py" line="117"/>
        <source>导出值班日报</source>
        <translation>Export daily duty report</translation>
    </message>
    <message>
        <location filename="../../ui/daily.py" line="122"/>
        <source>无法写入文件：</source>
        <translation>Cannot write the file: </translation>
    </message>
</context>
<context>
    <name>DispatchPanel</name>
    <message>
        <location filename="../../ui/dispatch.py" line="64"/>
        <source>调派任务（必填）：到达后做什么、向谁报到，如“到罐区东侧向现场指挥部报到，负责堵漏”</source>
        <translation>Task (required): what to do on arrival and whom to report to, e.g. “report to the command post east of the tank farm, stop the leak”</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="65"/>
        <source>调派所选队伍（Ctrl+Enter）</source>
        <translation>Dispatch selected teams (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="74"/>
        <source>推荐队伍（能力匹配、待命，按预计到达时间排序）</source>
        <translation>Recommended teams (matching capability, on standby, by estimated arrival)</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="93"/>
        <source>转调…</source>
        <translation>Redirect…</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="95"/>
        <source>打印调派单…</source>
        <translation>Print dispatch order…</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="97"/>
        <source>调派单 PDF…</source>
        <translation>Dispatch order PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="106"/>
        <source>调派看板</source>
        <translation>Dispatch board</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="142"/>
        <source>请选择事件。</source>
        <translation>Choose an incident.</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="177"/>
        <source>距离：%1；能力矩阵与车速：%2。共 %3 支可调队伍。</source>
        <translation>Distance: %1; capability matrix and speeds: %2. %3 teams available.</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="183"/>
        <source>同类队伍不可调：</source>
        <translation>Teams of this kind not available: </translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="194"/>
        <source>%1 小时 %2 分</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="196"/>
        <source>%1 分钟</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="197"/>
        <source>（逾期 %1 分钟未到）</source>
        <translation> (%1 min overdue, not arrived)</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="209"/>
        <source>在处置 %1 支，已结束 %2 支</source>
        <translation>%1 teams on task, %2 finished</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="212"/>
        <source>；%1 支逾期未到：</source>
        <translation>; %1 team(s) overdue: </translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="244"/>
        <source>已选 %1 支</source>
        <translation>%1 selected</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="305"/>
        <source>填写原因</source>
        <translation>Give a reason</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="305"/>
        <source>“%1”改为“%2”的原因：</source>
        <translation>Reason for changing “%1” to “%2”:</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="327"/>
        <source>没有其他事件可以转调。</source>
        <translation>No other incident to redirect to.</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="336"/>
        <source>直接转调</source>
        <translation>Redirect</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="338"/>
        <source>队伍不经返回、直接转赴另一事件，将记入两个事件的时间线。</source>
        <translation>The team goes straight on to another incident without returning; both timelines record it.</translation>
    </message>
    <message>
        <location filename="../../ui/dispatch.py" line="382"/>
        <source>导出调派单</source>
        <translation>Export dispatch order</translation>
    </message>
</context>
<context>
    <name>DivisionDialog</name>
    <message>
        <location filename="../../ui/map_page.py" line="716"/>
        <source>选择行政区划（cnmaps 数据）</source>
        <translation>Choose divisions (cnmaps data)</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="718"/>
        <source>输入名称或代码筛选，可多选</source>
        <translation>Type a name or code to filter; several may be chosen</translation>
    </message>
</context>
<context>
    <name>DrillConsole</name>
    <message>
        <location filename="../../ui/drill_console.py" line="39"/>
        <source>开始</source>
        <translation>Start</translation>
    </message>
    <message>
        <location filename="../../ui/drill_console.py" line="46"/>
        <source>跳到下一条</source>
        <translation>Jump to next</translation>
    </message>
    <message>
        <location filename="../../ui/drill_console.py" line="49"/>
        <source>手动触发所选</source>
        <translation>Fire selected now</translation>
    </message>
    <message>
        <location filename="../../ui/drill_console.py" line="51"/>
        <source>结束并评估</source>
        <translation>End and evaluate</translation>
    </message>
    <message>
        <location filename="../../ui/drill_console.py" line="81"/>
        <location filename="../../ui/drill_console.py" line="107"/>
        <source>导调台</source>
        <translation>Trainer console</translation>
    </message>
    <message>
        <location filename="../../ui/drill_console.py" line="83"/>
        <source>评估</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <location filename="../../ui/drill_console.py" line="107"/>
        <source>收到的信息</source>
        <translation>Messages received</translation>
    </message>
    <message>
        <location filename="../../ui/drill_console.py" line="109"/>
        <source>导调员视图：可见全部插入事件，可开始、暂停、跳转和评估。学员登录后看不到这些内容。</source>
        <translation>Trainer view: every inject is visible; start, pause, jump and evaluate. Trainees who sign in do not see this.</translation>
    </message>
    <message>
        <location filename="../../ui/drill_console.py" line="114"/>
        <source>学员视图：按收到的来电和信息处置；演练进度由导调员控制。</source>
        <translation>Trainee view: respond to the calls and messages you receive; the trainer controls the drill.</translation>
    </message>
    <message>
        <location filename="../../ui/drill_console.py" line="153"/>
        <location filename="../../ui/drill_console.py" line="208"/>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
    <message>
        <location filename="../../ui/drill_console.py" line="155"/>
        <location filename="../../ui/drill_console.py" line="228"/>
        <source>继续</source>
        <translation>Continue</translation>
    </message>
    <message>
        <location filename="../../ui/drill_console.py" line="208"/>
        <source>运行 %1×</source>
        <translation>Running %1×</translation>
    </message>
    <message>
        <location filename="../../ui/drill_console.py" line="209"/>
        <source>演练 T+%1&#x3000;模拟时间 %2&#x3000;%3</source>
        <translation>Drill T+%1&#x3000;drill time %2&#x3000;%3</translation>
    </message>
    <message>
        <location filename="../../ui/drill_console.py" line="216"/>
        <source>演练时间已到，请等待导调员评估。</source>
        <translation>Drill time is up; wait for the trainer&apos;s evaluation.</translation>
    </message>
</context>
<context>
    <name>DrillLauncher</name>
    <message>
        <location filename="../../ui/drill_launcher.py" line="44"/>
        <source>%1（%2 分钟）</source>
        <translation>%1 (%2 min)</translation>
    </message>
    <message>
        <location filename="../../ui/drill_launcher.py" line="47"/>
        <source>开始演练</source>
        <translation>Start drill</translation>
    </message>
    <message>
        <location filename="../../ui/drill_launcher.py" line="52"/>
        <source>删除所选演练</source>
        <translation>Delete selected drill</translation>
    </message>
    <message>
        <location filename="../../ui/drill_launcher.py" line="55"/>
        <source>演练脚本</source>
        <translation>Drill scenario</translation>
    </message>
    <message>
        <location filename="../../ui/drill_launcher.py" line="58"/>
        <source>演练在独立的数据库中进行（复制本库的队伍、物资、预案等基础数据，不含真实事件），全程显示演练标识，打印和导出均标注“演练”；删除演练不影响真实数据。演练期间本窗口照常显示真实值班的报告时限并报警。仅演练导调员可以开始演练。</source>
        <translation>A drill runs in its own database (a copy of this store&apos;s teams, materials, plans and other reference data, without real incidents), marked as a drill throughout; prints and exports say “演练”; deleting a drill leaves real data untouched. During a drill this window keeps showing and sounding the real deadlines. Only a trainer can start a drill.</translation>
    </message>
    <message>
        <location filename="../../ui/drill_launcher.py" line="66"/>
        <source>已有的演练</source>
        <translation>Past drills</translation>
    </message>
    <message>
        <location filename="../../ui/drill_launcher.py" line="82"/>
        <source>开始（模拟时间）：</source>
        <translation>Start (drill time): </translation>
    </message>
    <message>
        <location filename="../../ui/drill_launcher.py" line="83"/>
        <source>；时长 %1 分钟；插入事件 %2 条</source>
        <translation>; %1 minutes; %2 injects</translation>
    </message>
    <message>
        <location filename="../../ui/drill_launcher.py" line="84"/>
        <source>演练目标</source>
        <translation>Drill objectives</translation>
    </message>
    <message>
        <location filename="../../ui/drill_launcher.py" line="88"/>
        <source>插入事件（仅导调员可见）</source>
        <translation>Injects (trainer only)</translation>
    </message>
    <message>
        <location filename="../../ui/drill_launcher.py" line="91"/>
        <source>插入事件的内容和时间仅演练导调员可见。</source>
        <translation>Only the trainer sees the injects and their times.</translation>
    </message>
    <message>
        <location filename="../../ui/drill_launcher.py" line="101"/>
        <source>开始时间不详</source>
        <translation>Start time unknown</translation>
    </message>
    <message>
        <location filename="../../ui/drill_launcher.py" line="102"/>
        <source>%1 · %2 开始</source>
        <translation>%1 · started %2</translation>
    </message>
</context>
<context>
    <name>DutyPage</name>
    <message>
        <location filename="../../ui/duty_page.py" line="59"/>
        <source>在办事件（最紧迫的在前；双击或按回车打开）</source>
        <translation>Open incidents (most urgent first; double-click or Enter to open)</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="77"/>
        <source>60 天内到期的库存</source>
        <translation>Stock expiring within 60 days</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="79"/>
        <source>本班操作记录（审计日志）</source>
        <translation>This shift&apos;s actions (audit log)</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="81"/>
        <source>生效预警</source>
        <translation>Active warnings</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="134"/>
        <source> 北京时间</source>
        <translation> Beijing time</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="145"/>
        <source>值班台 · %1（%2）</source>
        <translation>Duty desk · %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="146"/>
        <source>值班台 · 未签到</source>
        <translation>Duty desk · nobody signed in</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="170"/>
        <source>领导批示（%1）</source>
        <translation>Instructions (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="170"/>
        <source>领导批示</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="176"/>
        <source>舆情</source>
        <translation>Public opinion</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="191"/>
        <source> 草稿</source>
        <translation> draft</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="192"/>
        <source>%1 项未完成</source>
        <translation>%1 open</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="194"/>
        <source>（无正在计时的时限）</source>
        <translation>(no deadline running)</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="205"/>
        <source>在办事件 %1 起。</source>
        <translation>%1 open incident(s).</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="206"/>
        <source>当前没有在办事件。接到来电按 Ctrl+N 接报。</source>
        <translation>No open incidents. When a call comes in, press Ctrl+N.</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="247"/>
        <source>当前没有生效的预警信息。</source>
        <translation>No warning is in force.</translation>
    </message>
    <message>
        <location filename="../../ui/duty_page.py" line="260"/>
        <source>没有 60 天内到期的库存。</source>
        <translation>No stock expires within 60 days.</translation>
    </message>
</context>
<context>
    <name>DutyRoom</name>
    <message>
        <location filename="../../ui/duty_room.py" line="25"/>
        <source>（未排班）</source>
        <translation>(nobody rostered)</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="28"/>
        <source>带班领导 %1 · 值班员 %2</source>
        <translation>Shift leader %1 · Duty officer %2</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="30"/>
        <source> · 备勤 %1</source>
        <translation> · Standby %1</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="31"/>
        <source>本班 %1：</source>
        <translation>This shift %1: </translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="33"/>
        <source>&#x3000;｜&#x3000;%1 交接班，下一班：</source>
        <translation>  |  handover at %1, next shift: </translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="35"/>
        <source>&#x3000;｜&#x3000;无人值班：</source>
        <translation>  |  nobody rostered: </translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="78"/>
        <source> 超时</source>
        <translation> overdue</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="87"/>
        <source>没有未落实的领导批示。</source>
        <translation>No leaders&apos; instructions waiting.</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="88"/>
        <source>记录批示…</source>
        <translation>Record instruction…</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="90"/>
        <source>落实反馈…</source>
        <translation>Record feedback…</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="105"/>
        <source>反馈时限请填分钟数（如 30），不需要可留空。</source>
        <translation>Give the feedback time in minutes (e.g. 30), or leave it empty.</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="108"/>
        <location filename="../../ui/duty_room.py" line="267"/>
        <source>事件编号应为数字（如 3），不针对事件可留空。</source>
        <translation>The incident number is a number (e.g. 3); leave it empty for none.</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="128"/>
        <source>请先选中一条批示。</source>
        <translation>Select an instruction first.</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="153"/>
        <source>零报告</source>
        <translation>Zero reports</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="156"/>
        <source>零报告（%1 逾期）</source>
        <translation>Zero reports (%1 late)</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="156"/>
        <source>零报告（%1 未报）</source>
        <translation>Zero reports (%1 awaited)</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="157"/>
        <source>零报告（已齐）</source>
        <translation>Zero reports (all in)</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="166"/>
        <source>截止 %1</source>
        <translation>Due %1</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="167"/>
        <source>当日须报（%1 项原因）</source>
        <translation>Compulsory today (%1 reasons)</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="176"/>
        <source>%1 次，末次 %2</source>
        <translation>%1×, last %2</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="180"/>
        <source>登记：%1</source>
        <translation>Recorded by %1</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="186"/>
        <source>登记报送…</source>
        <translation>Check off…</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="188"/>
        <source>催报</source>
        <translation>Chase</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="190"/>
        <source>记下已向选中的单位催报（时间和催报人）</source>
        <translation>Log that the selected unit was chased (time and who chased)</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="197"/>
        <source>请先选中一个未报的单位。</source>
        <translation>Select a unit that has not reported first.</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="245"/>
        <source>尚未采取应对措施</source>
        <translation>No response yet</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="249"/>
        <source>尚无舆情记录。</source>
        <translation>No public-opinion items yet.</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="250"/>
        <source>记录舆情…</source>
        <translation>Log item…</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="252"/>
        <source>应对…</source>
        <translation>Response…</translation>
    </message>
    <message>
        <location filename="../../ui/duty_room.py" line="285"/>
        <source>请先选中一条舆情。</source>
        <translation>Select an item first.</translation>
    </message>
</context>
<context>
    <name>EvaluationView</name>
    <message>
        <location filename="../../ui/drill_evaluation.py" line="61"/>
        <source>演练结束后在此评估。</source>
        <translation>Evaluate here when the drill ends.</translation>
    </message>
    <message>
        <location filename="../../ui/drill_evaluation.py" line="72"/>
        <source>导调评语：发现的问题、改进事项……</source>
        <translation>Trainer remarks: problems found, improvements…</translation>
    </message>
    <message>
        <location filename="../../ui/drill_evaluation.py" line="74"/>
        <source>导出评估报告 PDF…</source>
        <translation>Export evaluation PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/drill_evaluation.py" line="75"/>
        <source>导出评估报告 Word…</source>
        <translation>Export evaluation Word…</translation>
    </message>
    <message>
        <location filename="../../ui/drill_evaluation.py" line="76"/>
        <source>回放</source>
        <translation>Replay</translation>
    </message>
    <message>
        <location filename="../../ui/drill_evaluation.py" line="89"/>
        <source>回放速度</source>
        <translation>Replay speed</translation>
    </message>
    <message>
        <location filename="../../ui/drill_evaluation.py" line="142"/>
        <source>导出评估报告</source>
        <translation>Export evaluation report</translation>
    </message>
</context>
<context>
    <name>FillPlanPanel</name>
    <message>
        <location filename="../../ui/ledger.py" line="487"/>
        <source>需求，如：救生衣 2000 件、发电机 50 台，送海州区</source>
        <translation>Needs, e.g. 救生衣 2000 件、发电机 50 台，送海州区</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="491"/>
        <source>目的地（区划名称）</source>
        <translation>Destination (division name)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="492"/>
        <source>生成调用方案</source>
        <translation>Make allocation plan</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="496"/>
        <source>事件</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="498"/>
        <source>目的地</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="509"/>
        <source>调用事由（必填），如“防汛转移安置群众”</source>
        <translation>Purpose (required), e.g. “flood evacuation and sheltering”</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="512"/>
        <source>批准人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="513"/>
        <source>确认出库（一次写入）</source>
        <translation>Confirm issue (one write)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="522"/>
        <source>调用方案</source>
        <translation>Allocation plan</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="523"/>
        <source>先用本地乡镇（街道）储备点，不足时依次由本县（区）级、市级、其他县（区）储备补充；同级按距离，先发先到期批次；不计协议储备</source>
        <translation>The local township depot first, then the county, the city and other counties in turn; nearest first within a tier, earliest-expiring batches first; contract reserves not counted</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="550"/>
        <source>（不关联事件）</source>
        <translation>(no incident)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="571"/>
        <source>为事件 %1 调用物资</source>
        <translation>Allocate materials for incident %1</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="572"/>
        <source>物资调用（可不关联事件）</source>
        <translation>Allocate materials (with or without an incident)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="629"/>
        <source>已出库，单号 %1。</source>
        <translation>Issued, document %1.</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../ui/first_run.py" line="20"/>
        <source>新数据库：创建系统管理员</source>
        <translation>New database: create the administrator</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="30"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="31"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="32"/>
        <source>再次输入 PIN</source>
        <translation>PIN again</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="33"/>
        <source>这是一个新的数据库：%1
请先创建一个系统管理员账户，再用它添加值班人员。</source>
        <translation>This is a new database: %1
Create an administrator account first, then use it to add duty staff.</translation>
    </message>
    <message>
        <location filename="../../ui/first_run.py" line="49"/>
        <source>两次输入的 PIN 不一致。</source>
        <translation>The two PINs do not match.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../ui/dialogs.py" line="246"/>
        <source>确定（Ctrl+Enter）</source>
        <translation>OK (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs.py" line="247"/>
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>ForwardDialog</name>
    <message>
        <location filename="../../ui/warnings.py" line="319"/>
        <source>登记预警转发</source>
        <translation>Record warning forwarded</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="338"/>
        <source>表外的其他对象，逗号分隔（可空）</source>
        <translation>Other recipients not in the list, comma-separated (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="346"/>
        <source>转发方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="347"/>
        <source>转发时间</source>
        <translation>Forwarded at</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="348"/>
        <source>其他对象</source>
        <translation>Other recipients</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="349"/>
        <source>备注</source>
        <translation>Notes</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="358"/>
        <source>本轮须转发的对象（勾选已转发的）</source>
        <translation>Must be forwarded to (tick those done)</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="375"/>
        <source>请勾选或填写至少一个转发对象。</source>
        <translation>Tick or type at least one recipient.</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <location filename="../../ui/handover.py" line="33"/>
        <source>生成交接班记录</source>
        <translation>Assemble handover record</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="36"/>
        <source>打印（PDF）…</source>
        <translation>Print (PDF)…</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="38"/>
        <source>更正…</source>
        <translation>Correct…</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="40"/>
        <source>已签字的记录不能修改：更正记为一条新记录</source>
        <translation>A signed record cannot change: a correction is a new record</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="42"/>
        <source>值班日报…</source>
        <translation>Daily report…</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="60"/>
        <source>装备（勾选为正常）</source>
        <translation>Equipment (tick if in order)</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="60"/>
        <source>异常说明</source>
        <translation>What is wrong</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="65"/>
        <source>其他交接事项（自由填写）</source>
        <translation>Other handover notes (free text)</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="67"/>
        <source>保存检查与备注</source>
        <translation>Save checks and notes</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="69"/>
        <source>交班人签字…</source>
        <translation>Outgoing officer signs…</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="72"/>
        <source>接班人签字…</source>
        <translation>Incoming officer signs…</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="124"/>
        <source>还没有交接班记录。交班前按“生成交接班记录”，由系统汇总在办事件、时限、未报送报告、预案任务、领导批示和调用物资。</source>
        <translation>No handover records yet. Before handing over press “Assemble handover record”: open incidents, deadlines, unsent reports, plan tasks, leaders&apos; instructions and issued materials are collected.</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="203"/>
        <source>接班人签字</source>
        <translation>Incoming officer signs</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="209"/>
        <source>只有双方已签字的记录需要更正；未签字的记录可直接修改。</source>
        <translation>Only records signed by both need a correction; an unsigned one can still be changed.</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="225"/>
        <source>请先选中一条交接班记录。</source>
        <translation>Select a handover record first.</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="228"/>
        <source>打印交接班记录</source>
        <translation>Print handover record</translation>
    </message>
    <message>
        <location filename="../../ui/handover.py" line="228"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>Housekeeping</name>
    <message>
        <location filename="../../ui/settings_page.py" line="182"/>
        <source>整理数据库</source>
        <translation>Tidy the database</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="184"/>
        <source>回收已删除数据占用的空间（VACUUM）并更新查询统计（ANALYZE）；整理期间其他席位的保存会稍候片刻</source>
        <translation>Give back the space of deleted data (VACUUM) and refresh the query statistics (ANALYZE); other seats&apos; saves wait a moment meanwhile</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="213"/>
        <source>正在整理数据库…</source>
        <translation>Tidying the database…</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../ui/idle_lock.py" line="243"/>
        <source>已换人签到；上一位值班员未保存的内容仍在表单中，保存时记在您的名下。</source>
        <translation>Signed in as the new operator; what the previous operator left unsaved is still in the forms and will be recorded under your name when saved.</translation>
    </message>
</context>
<context>
    <name>ImportReport</name>
    <message>
        <location filename="../../ui/spreadsheets.py" line="25"/>
        <source>导入结果：%1</source>
        <translation>Import result: %1</translation>
    </message>
    <message>
        <location filename="../../ui/spreadsheets.py" line="38"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>IncidentsPage</name>
    <message>
        <location filename="../../ui/incidents.py" line="121"/>
        <source>筛选：编号、事件名称或地点（Ctrl+F）</source>
        <translation>Filter: number, incident or place (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="130"/>
        <source>更多…</source>
        <translation>More…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="151"/>
        <source>豁免所选时限…</source>
        <translation>Waive selected deadline…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="153"/>
        <source>逐项登记所选时限的清单…</source>
        <translation>Record the checklist of the selected deadline…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="177"/>
        <source>概况</source>
        <translation>Overview</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="178"/>
        <source>报告时限</source>
        <translation>Deadlines</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="179"/>
        <source>报告</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="180"/>
        <source>预案</source>
        <translation>Plans</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="181"/>
        <source>调派</source>
        <translation>Dispatch</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="190"/>
        <source>物资</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="191"/>
        <source>安置</source>
        <translation>Shelter</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="192"/>
        <source>接报记录</source>
        <translation>Calls</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="193"/>
        <source>时间线</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="196"/>
        <location filename="../../ui/incidents.py" line="489"/>
        <source>舆情</source>
        <translation>Public opinion</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="238"/>
        <source>灾情不稳定（每日 09:00 零报告；取消勾选即标记灾情稳定）</source>
        <translation>Disaster unstable (zero report daily at 09:00; untick to mark it stable)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="240"/>
        <source>处置与报告</source>
        <translation>Response and reports</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="320"/>
        <source>还没有事件。按 Ctrl+N 接报。</source>
        <translation>No incidents yet. Press Ctrl+N for a call.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="353"/>
        <source>%1 计时</source>
        <translation>%1 running</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="354"/>
        <source>，%1 超时</source>
        <translation>, %1 overdue</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="356"/>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="366"/>
        <source>符合条件 %1 起</source>
        <translation>%1 matching</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="368"/>
        <source>共 %1 起</source>
        <translation>%1 in all</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="370"/>
        <source>，已列出最近 %1 起</source>
        <translation>, the latest %1 listed</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="428"/>
        <source>&#x3000;〔建议%1〕</source>
        <translation>&#x3000;[suggested %1]</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="433"/>
        <source>（事发至接报 %1 分钟）</source>
        <translation> (%1 min from occurrence to report)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="437"/>
        <source>类型：%1 · %2</source>
        <translation>Type: %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="439"/>
        <source>地点：%1</source>
        <translation>Place: %1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="440"/>
        <source>（区划 %1）</source>
        <translation> (division %1)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="441"/>
        <source>事发时间：%1</source>
        <translation>Occurred: %1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="441"/>
        <source>不详</source>
        <translation>unknown</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="443"/>
        <source>伤亡与损失：%1</source>
        <translation>Casualties and losses: %1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="446"/>
        <source>首报：%1（%2）</source>
        <translation>First report: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="449"/>
        <source>已通知：%1</source>
        <translation>Notified: %1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="450"/>
        <source>接报记录 %1 条；记录人 %2</source>
        <translation>%1 call record(s); recorded by %2</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="454"/>
        <source>等级：%1</source>
        <translation>Grade: %1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="455"/>
        <source>（依据研判数字）</source>
        <translation> (from estimated figures)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="457"/>
        <source>&#x3000;&#x3000;应急响应建议：%1（响应级别，不是事件等级）</source>
        <translation>&#x3000;&#x3000;Suggested emergency response: %1 (a response level, not an incident grade)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="460"/>
        <source>&#x3000;&#x3000;标准建议：%1</source>
        <translation>    Standard suggests: %1</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="486"/>
        <source>尚未应对</source>
        <translation>No response yet</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="489"/>
        <source>舆情（%1）</source>
        <translation>Public opinion (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="494"/>
        <source>接报时间：%1（距今 %2 分钟）</source>
        <translation>Received: %1 (%2 min ago)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="545"/>
        <source>导出 CAP 1.2 事件信息</source>
        <translation>Export CAP 1.2 incident notice</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="547"/>
        <source>CAP 文件 (*.xml)</source>
        <translation>CAP files (*.xml)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="561"/>
        <source>（演练，状态 Exercise）</source>
        <translation> (drill, status Exercise)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="563"/>
        <source>已导出 CAP 1.2 事件信息%1（标识 %2，已通过模式校验）：%3</source>
        <translation>CAP 1.2 incident notice exported%1 (identifier %2, schema-valid): %3</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="580"/>
        <source>调整等级</source>
        <translation>Change grade</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="581"/>
        <source>等级与标准建议不同时须填写理由。调整后报告时限将重新推算。</source>
        <translation>A grade that differs from the standard&apos;s suggestion needs a reason. The deadlines are recomputed after the change.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="590"/>
        <source>本类事件的分级标准只看伤亡、损失等数字，无须填写定级条件。</source>
        <translation>This kind is graded on figures only (casualties, losses); no grading conditions are needed.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="598"/>
        <source>不详 / 不适用</source>
        <translation>Unknown / not applicable</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="599"/>
        <source>定级条件</source>
        <translation>Grading conditions</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="600"/>
        <source>分级标准按这些条件取不同的标准；改动后重新给出建议等级，报告时限随之重算。</source>
        <translation>The grading scale applies different thresholds by these conditions; changing them re-suggests the grade and recomputes the reporting deadlines.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="618"/>
        <source>已报告带班领导</source>
        <translation>Shift leader informed</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="630"/>
        <source>已电话报告市政府</source>
        <translation>City government informed by phone</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="633"/>
        <source>先电话、后书面：记录电话报告即满足电话报告时限。</source>
        <translation>Phone first, writing after: recording the phone report meets the phone-report deadline.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="643"/>
        <source>已报零报告</source>
        <translation>Zero report sent</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="645"/>
        <source>灾情不稳定期间，每日按时报送零报告，无新情况也须报告。</source>
        <translation>While the disaster is unstable, send the zero report every day on time, even with nothing new.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="653"/>
        <source>受灾群众基本生活已保障</source>
        <translation>Basic needs of affected people met</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="654"/>
        <source>受灾群众的吃、穿、住、饮水和医疗等基本生活得到保障后记录，完成“受灾群众基本生活保障（10 小时）”时限。</source>
        <translation>Record once affected people have food, clothing, shelter, drinking water and medical care; this meets the “basic needs of affected people (10 hours)” deadline.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="681"/>
        <location filename="../../ui/incidents.py" line="696"/>
        <source>请先在列表中选择一个时限。</source>
        <translation>Choose a deadline in the list first.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="689"/>
        <source>豁免时限</source>
        <translation>Waive deadline</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="702"/>
        <source>所选时限没有逐项清单。</source>
        <translation>The selected deadline has no checklist.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="707"/>
        <source>清单各项均已登记：</source>
        <translation>Every checklist item recorded: </translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="714"/>
        <source>已登记：</source>
        <translation>Recorded: </translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="714"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="715"/>
        <source>逐项登记</source>
        <translation>Record item by item</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../ui/intake.py" line="75"/>
        <source>新接报（Ctrl+N）</source>
        <translation>New call (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="77"/>
        <source>放弃草稿</source>
        <translation>Discard draft</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="80"/>
        <source>值班电话记录（接报）</source>
        <translation>Duty phone log (call intake)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="98"/>
        <source>修改了接报时间时必填</source>
        <translation>Required when the time of receipt was changed</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="103"/>
        <source>如 22:10 或 2026-11-23 22:10</source>
        <translation>e.g. 22:10 or 2026-11-23 22:10</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="106"/>
        <source>输入地名、企业或风险点，可自动补全</source>
        <translation>Type a place, company or hazard site; completes as you type</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="123"/>
        <source>在地图上点选…</source>
        <translation>Pick on the map…</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="132"/>
        <source>伤亡与损失（实际 / 研判可能）</source>
        <translation>Casualties and losses (actual / assessed possible)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="140"/>
        <source>研判</source>
        <translation>Assessment</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="144"/>
        <source>填写人数：阿拉伯数字或中文数字（如 3、三、二十三、一百零五）</source>
        <translation>Number of people: digits or Chinese numerals (3, 三, 二十三, 一百零五)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="156"/>
        <source>直接经济损失（万元）</source>
        <translation>Direct economic loss (10,000 yuan)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="168"/>
        <source>现场指挥负责人及联系方式</source>
        <translation>On-site commander and contact</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="169"/>
        <source>现场指挥</source>
        <translation>On-site command</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="172"/>
        <source>定级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="174"/>
        <source>录入伤亡和损失后自动给出建议等级</source>
        <translation>Enter casualties and losses for a suggested grade</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="178"/>
        <source>采用建议等级</source>
        <translation>Use suggested grade</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="181"/>
        <source>暂不定级</source>
        <translation>Not graded yet</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="183"/>
        <source>与建议不同时须填写调整理由</source>
        <translation>A reason is required when it differs from the suggestion</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="184"/>
        <source>灾情不稳定（每日零报告）</source>
        <translation>Disaster unstable (daily zero report)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="186"/>
        <source>确认等级</source>
        <translation>Confirm grade</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="197"/>
        <source>可能重复的事件（双击或回车：作为续报来电记入该事件）</source>
        <translation>Possible duplicates (double-click or Enter: record as a follow-up call to that incident)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="202"/>
        <source>保存接报（Ctrl+Enter）</source>
        <translation>Save call (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="330"/>
        <source>区划代码 </source>
        <translation>Division code </translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="377"/>
        <source>实时（开始录入时定格）</source>
        <translation>Live (fixed when typing starts)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="379"/>
        <source>已手工修改，须填写修改原因</source>
        <translation>Changed by hand: a reason is required</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="381"/>
        <source>已定格</source>
        <translation>Fixed</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="446"/>
        <source>续报来电：记入事件 #%1 %2（当前等级：%3）。请更新变化的数字和情况。</source>
        <translation>Follow-up call: recorded to incident #%1 %2 (grade now: %3). Update the figures and facts that changed.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="473"/>
        <source>（研判）</source>
        <translation> (assessed)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="478"/>
        <source>“%1”只能填写人数：阿拉伯数字或中文数字（如 3、三、二十三），不能填“%2”。</source>
        <translation>“%1” takes a number of people: digits or Chinese numerals (3, 三, 二十三), not “%2”.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="496"/>
        <source>“%1”已按“%2”记为 %3。</source>
        <translation>“%1” read as “%2” and recorded as %3.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="532"/>
        <source>应急响应建议（不是事件等级）：</source>
        <translation>Suggested response (not an incident grade): </translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="535"/>
        <source>该类型没有国家事件分级标准，暂不定级（可人工定级）</source>
        <translation>No national grading scale for this type: not graded (grade by hand if needed)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="537"/>
        <source>选择事件类别、类型并录入伤亡和损失后，自动给出建议等级</source>
        <translation>Choose category and type and enter casualties and losses for a suggested grade</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="541"/>
        <source>建议等级：</source>
        <translation>Suggested grade: </translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="543"/>
        <source>（依据研判可能数字）</source>
        <translation>(on assessed possible figures)</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="546"/>
        <source>依据：</source>
        <translation>Basis: </translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="632"/>
        <source>“%1”不能为负数。</source>
        <translation>“%1” cannot be negative.</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="686"/>
        <source>放弃本次接报</source>
        <translation>Discard this call</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="687"/>
        <source>已录入的内容将被清除，且不会保存。确定放弃吗？</source>
        <translation>What you typed will be cleared and not saved. Discard it?</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="690"/>
        <source>放弃</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="691"/>
        <source>继续录入</source>
        <translation>Keep typing</translation>
    </message>
    <message>
        <location filename="../../ui/intake.py" line="759"/>
        <source>已恢复未保存的接报草稿（接报时间 %1）。核对后保存，或点“放弃草稿”。</source>
        <translation>An unsaved call draft was restored (received %1). Check it and save, or click “Discard draft”.</translation>
    </message>
</context>
<context>
    <name>IssuedPanel</name>
    <message>
        <location filename="../../ui/incidents.py" line="1113"/>
        <source>本事件已发放物资</source>
        <translation>Materials issued for this incident</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="1126"/>
        <source>尚未为本事件发放物资。</source>
        <translation>No materials issued for this incident yet.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="1136"/>
        <source>已发放 %1 批：</source>
        <translation>%1 issue(s):</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="1137"/>
        <source>。再次调用前请核对，避免重复发放。</source>
        <translation>. Check before allocating again, to avoid issuing twice.</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <location filename="../../ui/ledger.py" line="54"/>
        <source>库存台账</source>
        <translation>Stock ledger</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="55"/>
        <source>出入库流水</source>
        <translation>Stock movements</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="56"/>
        <location filename="../../ui/ledger.py" line="261"/>
        <source>调拨在途</source>
        <translation>In transit</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="59"/>
        <source>物资调用</source>
        <translation>Allocation</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="60"/>
        <location filename="../../ui/ledger.py" line="270"/>
        <source>预警</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="68"/>
        <source>筛选：仓库、物资、批次等关键字，空格分隔多个词</source>
        <translation>Filter: depot, item, batch…; separate words with spaces</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="74"/>
        <source>只看预警</source>
        <translation>Alerts only</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="121"/>
        <source>筛选：单号、类型、仓库、物资、事由、经办人……</source>
        <translation>Filter: document, kind, depot, item, reason, operator…</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="129"/>
        <source>台账只增不改：更正以新的一笔记录（如盘点）登记。最近 2000 笔。</source>
        <translation>The ledger is append-only: corrections are new entries (e.g. a stocktake). Latest 2000 entries.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="141"/>
        <source>确认到库</source>
        <translation>Confirm arrival</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="144"/>
        <source>撤回…</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="152"/>
        <source>已从调出仓库出库、尚未在调入仓库入库的调拨：</source>
        <translation>Transfers that left the sending depot and have not reached the receiving one:</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="161"/>
        <source>过期和 60 天内到期的库存，以及低于储备定额的物资（最紧急的在前）：</source>
        <translation>Expired stock, stock expiring within 60 days, and items below quota (most urgent first):</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="193"/>
        <source>全部仓库</source>
        <translation>All depots</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="233"/>
        <source>显示 %1 / %2 行</source>
        <translation>Showing %1 / %2 rows</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="251"/>
        <source>显示 %1 / %2 笔</source>
        <translation>Showing %1 / %2 entries</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="289"/>
        <source>选择一行库存，查看它的出入库记录。</source>
        <translation>Choose a stock line to see its movements.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="330"/>
        <source>请先在表中选择一行库存。</source>
        <translation>Choose a stock line in the table first.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="393"/>
        <source>完好：回到库存；损坏：入库后即报废核销；已消耗：不入库，只冲销领用。</source>
        <translation>Intact: back into stock; damaged: received then written off; consumed: not received, only offsets the issue.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="406"/>
        <source>发出后即从本库出库，在“调拨在途”中确认到库后入调入仓库。</source>
        <translation>Leaves this depot when sent; enters the receiving depot once its arrival is confirmed under “In transit”.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="435"/>
        <source>库存低于定额时在“预警”中提示；填 0 取消。</source>
        <translation>Below this quota the stock shows under “Alerts”; 0 removes the quota.</translation>
    </message>
    <message>
        <location filename="../../ui/ledger.py" line="446"/>
        <source>请先选择一张调拨单。</source>
        <translation>Choose a transfer first.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../ui/idle_lock.py" line="41"/>
        <source>已锁定 — commanddesk</source>
        <translation>Locked — commanddesk</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="45"/>
        <source>值班席位已锁定</source>
        <translation>This duty seat is locked</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="57"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="64"/>
        <source>解锁</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="67"/>
        <source>换人签到…</source>
        <translation>Sign in as someone else…</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="69"/>
        <source>另一位值班人员签到接班；已填写未保存的内容保留在表单中，由接班人保存或放弃</source>
        <translation>Another operator signs in and takes over; what was typed and not saved stays in the forms for them to save or discard</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="71"/>
        <source>未保存的内容保留在窗口中；时限照常计时，超时照常报警。</source>
        <translation>Unsaved work stays in the window; clocks keep running and overdue alarms still sound.</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="97"/>
        <source>当前值班：%1（%2）。请输入 PIN 解锁。</source>
        <translation>On duty: %1 (%2). Enter the PIN to unlock.</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="99"/>
        <source> 北京时间</source>
        <translation> Beijing time</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="101"/>
        <source>%1 项时限已超时（共 %2 项计时中）</source>
        <translation>%1 deadlines overdue (%2 clocks running)</translation>
    </message>
    <message>
        <location filename="../../ui/idle_lock.py" line="105"/>
        <source>计时中 %1 项，无超时</source>
        <translation>%1 clocks running, none overdue</translation>
    </message>
</context>
<context>
    <name>LostBanner</name>
    <message>
        <location filename="../../ui/live.py" line="81"/>
        <source>与数据库服务器的连接已断开，正在重新连接…</source>
        <translation>Connection to the database server lost, reconnecting…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="172"/>
        <source>commanddesk 值班与应急指挥</source>
        <translation>commanddesk duty and incident command</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>（演示数据）</source>
        <translation> (demo data)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="176"/>
        <source>【演练】</source>
        <translation>[DRILL] </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="216"/>
        <source>演练时限</source>
        <translation>Drill deadlines</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="257"/>
        <source>时限配置有误，按内置规则计时</source>
        <translation>Deadline settings broken: shipped rules in force</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="265"/>
        <source>值班(&amp;D)</source>
        <translation>&amp;Duty</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="266"/>
        <source>换班签到…</source>
        <translation>Change shift / sign in…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="270"/>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="275"/>
        <source>指挥车同步…</source>
        <translation>Command vehicle sync…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="280"/>
        <source>报警静音</source>
        <translation>Mute alarm</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="284"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="316"/>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317"/>
        <source>夜间模式</source>
        <translation>Night mode</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321"/>
        <source>大字号</source>
        <translation>Large type</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="324"/>
        <location filename="../../ui/main_window.py" line="350"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="351"/>
        <source>界面语言将在下次启动 commanddesk 时改为 %1。</source>
        <translation>The interface language changes to %1 the next time commanddesk starts.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="410"/>
        <source>演练 EXERCISE — 非真实事件：</source>
        <translation>DRILL EXERCISE — not a real incident: </translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="416"/>
        <source>返回真实值班</source>
        <translation>Back to real duty</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="417"/>
        <source>显示真实值班窗口；导调员返回时演练暂停</source>
        <translation>Show the real duty window; the drill pauses when the trainer goes back</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="478"/>
        <source>请先选择一个事件，再按 F2 打开处置卡。</source>
        <translation>Choose an incident first, then press F2 for its action card.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="652"/>
        <source>未签到（只读）</source>
        <translation>Not signed in (read-only)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="654"/>
        <source>值班：%1（%2）</source>
        <translation>On duty: %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="659"/>
        <source>演练：%1 · %2 开始（独立的演练数据库，与真实数据隔离）</source>
        <translation>Drill: %1 · started %2 (its own drill database, apart from real data)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="662"/>
        <source>数据库：%1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="663"/>
        <source>  〔演示数据〕</source>
        <translation>  [demo data]</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="664"/>
        <source>  〔已加密〕</source>
        <translation>  [encrypted]</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="669"/>
        <source> 演练模拟时间</source>
        <translation> drill time</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="669"/>
        <source> 北京时间</source>
        <translation> Beijing time</translation>
    </message>
</context>
<context>
    <name>MapPage</name>
    <message>
        <location filename="../../ui/map_page.py" line="405"/>
        <location filename="../../ui/map_page.py" line="408"/>
        <source>导入队伍轨迹</source>
        <translation>Import team track</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="124"/>
        <source>导入队伍轨迹（GPX/CSV）…</source>
        <translation>Import team track (GPX/CSV)…</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="395"/>
        <source>已导入轨迹点 %1 个。</source>
        <translation>%1 track points imported.</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="408"/>
        <source>轨迹文件 (*.gpx *.csv);;所有文件 (*)</source>
        <translation>Track files (*.gpx *.csv);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="405"/>
        <source>队伍</source>
        <translation>Team</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="143"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="146"/>
        <source>导出图片（PNG）…</source>
        <translation>Export picture (PNG)…</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="147"/>
        <source>导出一张图快照（离线 HTML）…</source>
        <translation>Export situation map (offline HTML)…</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="671"/>
        <source>导出一张图快照</source>
        <translation>Export situation map</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="649"/>
        <source>已导出一张图快照：</source>
        <translation>Situation map exported: </translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="647"/>
        <source>无法保存：</source>
        <translation>Cannot save: </translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="672"/>
        <source>网页 (*.html)</source>
        <translation>Web page (*.html)</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="650"/>
        <source>（演练）</source>
        <translation> (drill)</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="100"/>
        <source>搜索地名、队伍、仓库、避难场所、风险点…</source>
        <translation>Search places, teams, depots, shelters, hazard sites…</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="112"/>
        <source>矢量底图（行政区划）</source>
        <translation>Vector base map (divisions)</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="114"/>
        <source>文件…</source>
        <translation>File…</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="117"/>
        <source>打开 MBTiles 底图文件…</source>
        <translation>Open MBTiles base map…</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="118"/>
        <source>移除当前底图</source>
        <translation>Remove current base map</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="120"/>
        <source>导入行政区划 GeoJSON…</source>
        <translation>Import divisions GeoJSON…</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="121"/>
        <source>从 cnmaps 数据选择区县…</source>
        <translation>Choose counties from cnmaps data…</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="122"/>
        <source>恢复默认行政区划（连云港市）</source>
        <translation>Restore default divisions (Lianyungang)</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="127"/>
        <source>GCJ-02 底图</source>
        <translation>GCJ-02 base map</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="128"/>
        <source>底图采用国测局 GCJ-02 坐标（国内多数在线地图导出的瓦片）时勾选，标注将随之偏移</source>
        <translation>Tick when the base map uses GCJ-02 coordinates (most tiles exported from Chinese online maps); markers shift to match</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="134"/>
        <source>事件周围圈层半径（公里），以逗号分隔</source>
        <translation>Ring radii around the incident (km), comma-separated</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="136"/>
        <source>地图选点</source>
        <translation>Pick on map</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="138"/>
        <source>在地图上单击选择事发地点（Esc 取消）</source>
        <translation>Click on the map to choose the incident location (Esc cancels)</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="140"/>
        <source>演练事件</source>
        <translation>Drill incidents</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="141"/>
        <source>只显示演练事件；不勾选时只显示真实事件，两者从不同时显示</source>
        <translation>Show drill incidents only; unticked, only real incidents — never both at once</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="152"/>
        <source>底图</source>
        <translation>Base map</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="156"/>
        <source>圈层(km)</source>
        <translation>Rings (km)</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="270"/>
        <source>该记录没有坐标或不在当前图层中，无法在地图上显示。</source>
        <translation>This record has no coordinates or is not in a shown layer, so it cannot be shown on the map.</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="301"/>
        <source>该事件没有坐标，无法在地图上显示。</source>
        <translation>This incident has no coordinates and cannot be shown on the map.</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="428"/>
        <source>单击地图选择事发地点（Esc 取消）</source>
        <translation>Click the map to choose the incident location (Esc cancels)</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="468"/>
        <source>没有找到：</source>
        <translation>Not found: </translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="490"/>
        <location filename="../../ui/map_page.py" line="511"/>
        <source>无法读取底图文件：</source>
        <translation>Cannot read the base map file: </translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="610"/>
        <source>已导入 %1 个区域。</source>
        <translation>%1 areas imported.</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="633"/>
        <source>无法保存图片：</source>
        <translation>Cannot save the image: </translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="655"/>
        <source>打开底图</source>
        <translation>Open base map</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="655"/>
        <source>MBTiles 瓦片 (*.mbtiles);;所有文件 (*)</source>
        <translation>MBTiles tiles (*.mbtiles);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="660"/>
        <source>导入行政区划</source>
        <translation>Import divisions</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="661"/>
        <source>GeoJSON (*.geojson *.json);;所有文件 (*)</source>
        <translation>GeoJSON (*.geojson *.json);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="677"/>
        <source>导出地图图片</source>
        <translation>Export map image</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="680"/>
        <source>已导出：</source>
        <translation>Exported: </translation>
    </message>
</context>
<context>
    <name>MaterialsPage</name>
    <message>
        <location filename="../../ui/registry_tabs.py" line="42"/>
        <source>本库库存</source>
        <translation>Stock of this depot</translation>
    </message>
    <message>
        <location filename="../../ui/registry_tabs.py" line="47"/>
        <source>查看本库库存明细</source>
        <translation>Show this depot&apos;s stock</translation>
    </message>
    <message>
        <location filename="../../ui/registry_tabs.py" line="65"/>
        <source>%1 种物资，%2 个库存行，合计 %3 件/套。</source>
        <translation>%1 items, %2 stock lines, %3 units in all.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <location filename="../../ui/passphrase.py" line="27"/>
        <source>打开加密的数据库</source>
        <translation>Open the encrypted database</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase.py" line="30"/>
        <source>数据库已加密：%1
请输入口令。口令不对时数据库不会有任何改动，可以再试。</source>
        <translation>The database is encrypted: %1
Enter its passphrase. A wrong passphrase changes nothing in the database; you can try again.</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase.py" line="36"/>
        <source>口令</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase.py" line="42"/>
        <source>打开</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase.py" line="43"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase.py" line="48"/>
        <source>文件已损坏？从备份恢复…</source>
        <translation>File damaged? Restore from a backup…</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase.py" line="64"/>
        <source>请输入口令。</source>
        <translation>Enter the passphrase.</translation>
    </message>
    <message>
        <location filename="../../ui/passphrase.py" line="71"/>
        <source>口令不正确，数据库未作任何改动。请重新输入（第 %1 次）。</source>
        <translation>Wrong passphrase; nothing in the database was changed. Enter it again (attempt %1).</translation>
    </message>
</context>
<context>
    <name>PasteAssist</name>
    <message>
        <location filename="../../ui/intake_paste.py" line="61"/>
        <source>粘贴识别（Ctrl+Shift+V）</source>
        <translation>Paste and read (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="63"/>
        <source>把剪贴板中的短信、微信或转警文字作为原始信息保存，并据此填写建议</source>
        <translation>Keep the text of an SMS, WeChat message or forwarded alert from the clipboard as the original message, and fill in suggestions from it</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="69"/>
        <source>原始信息（粘贴识别的建议以黄色标出，来源文字在下方高亮）</source>
        <translation>Original message (suggestions read from it are marked yellow; their source words are highlighted below)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="82"/>
        <source>确认伤亡数字</source>
        <translation>Confirm casualty figures</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="85"/>
        <source>撤销识别</source>
        <translation>Undo reading</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="136"/>
        <source>剪贴板中没有文字：请先复制短信、微信或转警内容，再按 Ctrl+Shift+V。</source>
        <translation>The clipboard holds no text: copy the SMS, WeChat message or forwarded alert first, then press Ctrl+Shift+V.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="159"/>
        <source>事发地点可能是：</source>
        <translation>The place may be: </translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="159"/>
        <source>（双击选用）</source>
        <translation> (double-click to choose)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="167"/>
        <source>已按原文填写 %1 项建议（黄色）。Tab 离开即接受，修改即为您的录入；伤亡数字保存前须确认。</source>
        <translation>Filled in %1 suggestions from the message (yellow). Tab away to accept; what you change is your own entry; casualty figures must be confirmed before saving.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="169"/>
        <source>另有 %1 项与您已填写的内容不同，未覆盖，见右侧列表（双击采用）。</source>
        <translation> %1 more differ from what you typed and were not overwritten: see the list on the right (double-click to take one).</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="171"/>
        <source>地名有多种可能，请在列表中选定。</source>
        <translation> The place name has several matches: choose one in the list.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="173"/>
        <source>未能从原文识别出可填写的内容；原文已保存为本次来电的原始信息。</source>
        <translation>Nothing to fill in could be read from the message; it has been kept as this call&apos;s original message.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="193"/>
        <source>（有多种可能）</source>
        <translation> (several matches)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="203"/>
        <source>（约，至少）</source>
        <translation> (about, at least)</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="229"/>
        <source>建议（来自原文“%1”）：Tab 接受，修改即为您的录入</source>
        <translation>Suggestion (from “%1” in the message): Tab to accept; a change is your own entry</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="232"/>
        <source>建议 %1（未填入，您已填写“%2”）← “%3”</source>
        <translation>suggests %1 (not filled in: you typed “%2”) ← “%3”</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="268"/>
        <source>，不在本值班室的区划表中</source>
        <translation>, not in this duty room&apos;s division table</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="269"/>
        <source>识别地点：</source>
        <translation>Place read: </translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="378"/>
        <source>伤亡与损失数字已确认。</source>
        <translation>Casualty and loss figures confirmed.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="386"/>
        <source>确认识别的数字</source>
        <translation>Confirm the figures read</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="387"/>
        <source>以下伤亡与损失数字由原文识别填写，将用于定级：
%1

确认无误并保存吗？</source>
        <translation>These casualty and loss figures were read from the message and will be used for grading:
%1

Are they right? Save?</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="390"/>
        <source>确认并保存</source>
        <translation>Confirm and save</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="391"/>
        <source>返回修改</source>
        <translation>Go back and edit</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="416"/>
        <source>已随草稿恢复原始信息；原有的建议标记未恢复，表中内容视为已录入。</source>
        <translation>The original message came back with the draft; the suggestion marks did not, so what is in the form counts as typed.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="445"/>
        <source>建议</source>
        <translation>Sugg.</translation>
    </message>
    <message>
        <location filename="../../ui/intake_paste.py" line="454"/>
        <source>由原文识别的建议</source>
        <translation>Suggested from the message</translation>
    </message>
</context>
<context>
    <name>PlanPanel</name>
    <message>
        <location filename="../../ui/plan_panel.py" line="41"/>
        <source>启动所选预案…</source>
        <translation>Activate selected plan…</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="42"/>
        <source>研判数据…</source>
        <translation>Assessment data…</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="43"/>
        <source>处置卡（F2）</source>
        <translation>Action card (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="44"/>
        <source>调整响应级别…</source>
        <translation>Change response level…</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="45"/>
        <source>终止响应…</source>
        <translation>End response…</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="46"/>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="47"/>
        <source>不适用…</source>
        <translation>Not applicable…</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="48"/>
        <source>改派…</source>
        <translation>Reassign…</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="67"/>
        <source>适用预案（按匹配度排序）</source>
        <translation>Applicable plans (best match first)</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="111"/>
        <source>尚未启动预案。选择上方预案后点“启动所选预案”。</source>
        <translation>No plan activated. Choose a plan above and click “Activate selected plan”.</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="154"/>
        <source>请先选择一个预案。</source>
        <translation>Choose a plan first.</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="158"/>
        <source>启动预案</source>
        <translation>Activate plan</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="182"/>
        <source>调整响应级别</source>
        <translation>Change response level</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="193"/>
        <source>终止响应</source>
        <translation>End response</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="201"/>
        <source>请先在任务列表中选择一项。</source>
        <translation>Choose a task in the list first.</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="215"/>
        <source>任务不适用</source>
        <translation>Task not applicable</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="222"/>
        <source>改派任务</source>
        <translation>Reassign task</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="246"/>
        <source>研判数据</source>
        <translation>Assessment data</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="247"/>
        <source>预警颜色与响应级别相互独立；这些数据用于匹配预案的启动条件。</source>
        <translation>Warning colour and response level are independent; these values are used to match plan triggers.</translation>
    </message>
    <message>
        <location filename="../../ui/plan_panel.py" line="256"/>
        <source>没有可用的处置卡：请先匹配或启动预案。</source>
        <translation>No action card: match or activate a plan first.</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <location filename="../../ui/plans.py" line="37"/>
        <source>检索预案全文（如：堵漏、转移安置、Ⅱ级响应），空格分隔多个词</source>
        <translation>Search plan text (e.g. 堵漏, 转移安置, Ⅱ级响应); separate words with spaces</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="75"/>
        <source>对比版本</source>
        <translation>Compare editions</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="77"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="78"/>
        <source>导出 Word…</source>
        <translation>Export Word…</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="85"/>
        <source>版本</source>
        <translation>Edition</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="87"/>
        <source>与</source>
        <translation>with</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="91"/>
        <source>导入 Word…</source>
        <translation>Import Word…</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="92"/>
        <source>从 .docx 导入为草稿，由系统管理员补全响应级别和条件后发布</source>
        <translation>Import a .docx as a draft; an administrator completes response levels and triggers, then publishes</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="94"/>
        <source>编辑草稿…</source>
        <translation>Edit draft…</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="101"/>
        <source>【演示】演示数据：虚构单位与电话，未经任何机关批准，不得用于实际处置</source>
        <translation>[DEMO] Demonstration data: fictitious units and phone numbers, approved by no authority, not for real response</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="134"/>
        <source>&lt;h3&gt;本值班室的预案库还是空的&lt;/h3&gt;&lt;p&gt;请导入本单位现行的应急预案（Word .docx 文件）。导入后为草稿：标题、章节层级和表格按原文保留，由系统管理员补全响应级别、启动条件和措施后发布，发布后即可在事件中匹配和启动。&lt;/p&gt;&lt;p&gt;软件自带的预案是演示数据，只在演示模式（commanddesk --demo）中出现。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;This duty room&apos;s plan library is still empty&lt;/h3&gt;&lt;p&gt;Import your unit&apos;s current emergency plans (Word .docx files). An imported plan is a draft: its title, chapter levels and tables are kept as written; an administrator completes the response levels, triggers and measures and publishes it, after which it can be matched and activated for incidents.&lt;/p&gt;&lt;p&gt;The plans shipped with the software are demonstration data and appear only in demo mode (commanddesk --demo).&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="139"/>
        <location filename="../../ui/plans.py" line="303"/>
        <source>导入预案</source>
        <translation>Import plans</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="187"/>
        <source>%1 个预案文件未能加载：</source>
        <translation>%1 plan file(s) could not be loaded:</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="253"/>
        <source>&lt;p&gt;没有找到“%1”。&lt;/p&gt;</source>
        <translation>&lt;p&gt;Nothing found for “%1”.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="272"/>
        <source>导出预案</source>
        <translation>Export plan</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="317"/>
        <source>已导入为草稿：请补全响应级别、启动条件和措施后发布。</source>
        <translation>Imported as a draft: complete the response levels, triggers and measures, then publish.</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="330"/>
        <source>编辑预案草稿（TOML，格式见 docs/plan-format.md）</source>
        <translation>Edit plan draft (TOML; format in docs/plan-format.md)</translation>
    </message>
    <message>
        <location filename="../../ui/plans.py" line="336"/>
        <source>校验并发布</source>
        <translation>Check and publish</translation>
    </message>
</context>
<context>
    <name>PostSettings</name>
    <message>
        <location filename="../../ui/settings_page.py" line="288"/>
        <source>定级表决定建议等级；自然灾害救助应急响应表给出的是响应级别，不是事件等级。</source>
        <translation>The grading table decides the suggested grade; the natural-disaster relief table gives a response level, not an incident grade.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="292"/>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="326"/>
        <source>只读：仅系统管理员可修改值班单位设置。</source>
        <translation>Read-only: only an administrator may change the post settings.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="334"/>
        <source>“时限提前提醒”须为 1 至 60 的整数。</source>
        <translation>“Early reminder” must be a whole number from 1 to 60.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="351"/>
        <source>已保存。</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>Presence</name>
    <message>
        <location filename="../../ui/live.py" line="127"/>
        <source>在线席位：无</source>
        <translation>Seats online: none</translation>
    </message>
    <message>
        <location filename="../../ui/live.py" line="131"/>
        <source>%1 失去联系（最后 %2）</source>
        <translation>%1 out of touch (last heard %2)</translation>
    </message>
    <message>
        <location filename="../../ui/live.py" line="134"/>
        <source>%1 %2（%3）</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../ui/live.py" line="136"/>
        <source>在线席位：</source>
        <translation>Seats online: </translation>
    </message>
</context>
<context>
    <name>RealDutyWatch</name>
    <message>
        <location filename="../../ui/real_duty.py" line="33"/>
        <source>真实值班的报告时限（不是演练）；点击返回真实值班</source>
        <translation>Real duty deadlines (not the drill); click to return to real duty</translation>
    </message>
    <message>
        <location filename="../../ui/real_duty.py" line="70"/>
        <source>真实值班：%1 项时限已超时！点击返回处置</source>
        <translation>Real duty: %1 deadline(s) OVERDUE! Click to return</translation>
    </message>
    <message>
        <location filename="../../ui/real_duty.py" line="73"/>
        <source>真实值班：%1 项时限即将到时</source>
        <translation>Real duty: %1 deadline(s) due soon</translation>
    </message>
    <message>
        <location filename="../../ui/real_duty.py" line="76"/>
        <source>真实值班：%1 项时限计时中，无超时</source>
        <translation>Real duty: %1 deadline(s) running, none overdue</translation>
    </message>
    <message>
        <location filename="../../ui/real_duty.py" line="79"/>
        <source>真实值班：无正在计时的时限</source>
        <translation>Real duty: no deadline running</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <location filename="../../ui/texts.py" line="49"/>
        <source>无权执行「%1」：请先签到上岗。</source>
        <translation>Not allowed to %1: sign in first.</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="51"/>
        <source>无权执行「%1」：%2</source>
        <translation>Not allowed to %1: %2</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="52"/>
        <source> 或 </source>
        <translation> or </translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="53"/>
        <source>（无角色）</source>
        <translation>(no role)</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="54"/>
        <source>无权执行「%1」：需要 %2（当前角色：%3）。</source>
        <translation>Not allowed to %1: needs %2 (current role: %3).</translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <location filename="../../ui/registry_page.py" line="54"/>
        <source>筛选：输入名称、编号、区划等关键字，空格分隔多个词（Ctrl+F）</source>
        <translation>Filter: name, number, division…; separate words with spaces (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="63"/>
        <source>更多…</source>
        <translation>More…</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="65"/>
        <source>再列出 %1 条</source>
        <translation>List %1 more</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="75"/>
        <source>新建</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="76"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="77"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="78"/>
        <source>重新读取数据库（F5），可看到其他席位的修改</source>
        <translation>Re-read the database (F5) to see other seats&apos; changes</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="114"/>
        <source>保存（Ctrl+S）</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="115"/>
        <source>撤销修改（Esc）</source>
        <translation>Undo changes (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="246"/>
        <source>符合条件 %1 条（共 %2 条）</source>
        <translation>%1 matching (of %2)</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="249"/>
        <source>共 %1 条</source>
        <translation>%1 in all</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="251"/>
        <source>，已列出前 %1 条</source>
        <translation>, first %1 listed</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="295"/>
        <source>（无记录）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="295"/>
        <source>新建%1</source>
        <translation>New %1</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="315"/>
        <source>只读：</source>
        <translation>Read-only: </translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="381"/>
        <source>删除确认</source>
        <translation>Confirm deletion</translation>
    </message>
    <message>
        <location filename="../../ui/registry_page.py" line="382"/>
        <source>确定删除%1“%2”吗？此操作会记入审计日志。</source>
        <translation>Delete %1 “%2”? This is recorded in the audit log.</translation>
    </message>
</context>
<context>
    <name>ReportPanel</name>
    <message>
        <location filename="../../ui/incidents.py" line="738"/>
        <source>要素</source>
        <translation>Elements</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="738"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="738"/>
        <source>暂不掌握</source>
        <translation>Not known yet</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="746"/>
        <source>接收单位</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="746"/>
        <location filename="../../ui/incidents.py" line="802"/>
        <source>主送/抄送</source>
        <translation>To / Cc</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="746"/>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="750"/>
        <source>添加接收单位</source>
        <translation>Add recipient</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="752"/>
        <source>删去所选</source>
        <translation>Remove selected</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="757"/>
        <location filename="../../ui/incidents.py" line="761"/>
        <source>（不标注）</source>
        <translation>(not marked)</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="764"/>
        <source>份号，如 000001</source>
        <translation>Copy number, e.g. 000001</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="779"/>
        <source>保存草稿</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="780"/>
        <source>带班领导审批…</source>
        <translation>Shift leader approval…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="783"/>
        <source>报送…</source>
        <translation>Send…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="784"/>
        <source>导出 PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="785"/>
        <source>导出 Word…</source>
        <translation>Export Word…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="786"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="793"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="796"/>
        <source>紧急程度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="796"/>
        <source>密级</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="797"/>
        <source>份号</source>
        <translation>Copy no.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="811"/>
        <source>签发</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="814"/>
        <source>值班员</source>
        <translation>Duty officer</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="814"/>
        <source>带班领导</source>
        <translation>Shift leader</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="818"/>
        <source>值班</source>
        <translation>Duty</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="884"/>
        <source>尚无报告。在“概况”中起草初报，或记录电话报告。</source>
        <translation>No reports yet. Draft the initial report under “Overview”, or record a phone report.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="916"/>
        <source>已由带班领导 {0} 于 {1} 审批</source>
        <translation>Approved by shift leader {0} at {1}</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="919"/>
        <source>未审批：书面报送前须经带班领导输入本人 PIN 审批</source>
        <translation>Not approved: the shift leader must approve with their own PIN before a written report is sent</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="922"/>
        <source>报送记录：</source>
        <translation>Sent: </translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="943"/>
        <source>必填要素，尚未填写</source>
        <translation>Required, not filled in yet</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="1013"/>
        <source>没有带班领导账户，无法审批。请管理员先建立带班领导账户。</source>
        <translation>There is no shift leader account to approve. Ask an administrator to create one.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="1023"/>
        <source>带班领导审批</source>
        <translation>Shift leader approval</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="1024"/>
        <source>由带班领导本人输入 PIN；在本人席位上登录时可不输入。审批后再修改报告，审批即作废。</source>
        <translation>The shift leader types their own PIN (not needed at their own signed-in seat). Editing the report after approval voids the approval.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="1039"/>
        <source>全部尚未书面报送的接收单位</source>
        <translation>Every recipient not yet sent the written report</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="1050"/>
        <source>报送报告</source>
        <translation>Send report</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="1053"/>
        <source>传真、政务专网和当面报送为书面报送，须先经带班领导审批；电话、短信可先行报告。</source>
        <translation>Fax, the government network and hand delivery are written reports and need the shift leader&apos;s approval first; phone and SMS may report ahead.</translation>
    </message>
    <message>
        <location filename="../../ui/incidents.py" line="1068"/>
        <source>导出报告</source>
        <translation>Export report</translation>
    </message>
</context>
<context>
    <name>RestoreOffer</name>
    <message>
        <location filename="../../ui/backups.py" line="383"/>
        <source>数据库无法打开</source>
        <translation>The database cannot be opened</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="390"/>
        <source>数据库无法打开：%1

可以从下列备份之一恢复（须带班领导或系统管理员，按所选备份中的账户核对 PIN）；当前文件会原样旁存，不会删除。</source>
        <translation>The database cannot be opened: %1

You can restore one of the backups below (a shift leader or administrator; the PIN is checked against the accounts in the chosen backup). The current file is kept as it is, not deleted.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="393"/>
        <source>数据库无法打开：%1

本机没有这个数据库的备份（备份文件夹：%2）。可以连接其他数据库，或退出后请管理员处理；文件未作任何改动。</source>
        <translation>The database cannot be opened: %1

This machine has no backup of it (backup folder: %2). You can connect to another database, or quit and ask the administrator; the file was not changed.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="413"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="414"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="418"/>
        <source>数据库口令</source>
        <translation>Database passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="421"/>
        <source>从所选备份恢复</source>
        <translation>Restore the selected backup</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="423"/>
        <source>连接其他数据库…</source>
        <translation>Connect to another database…</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="426"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="468"/>
        <source>请先在列表中选择一份备份。</source>
        <translation>Select a backup in the list first.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="473"/>
        <source>所选备份已加密，请输入数据库口令。</source>
        <translation>The chosen backup is encrypted: enter the database passphrase.</translation>
    </message>
    <message>
        <location filename="../../ui/backups.py" line="484"/>
        <source>已从备份恢复：%1；原文件旁存为 %2。</source>
        <translation>Restored from the backup: %1; the previous file was kept as %2.</translation>
    </message>
</context>
<context>
    <name>Roster</name>
    <message>
        <location filename="../../ui/roster.py" line="283"/>
        <source>带班 %1，值班 %2</source>
        <translation>leader %1, officer %2</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="284"/>
        <source>（未排班）</source>
        <translation>(nobody rostered)</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="285"/>
        <source>，备勤 %1</source>
        <translation>, standby %1</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="286"/>
        <source>%1 %2（%3）</source>
        <translation>%1 %2 (%3)</translation>
    </message>
</context>
<context>
    <name>RosterPage</name>
    <message>
        <location filename="../../ui/roster.py" line="78"/>
        <source>◀ 上月</source>
        <translation>◀ Previous month</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="80"/>
        <source>下月 ▶</source>
        <translation>Next month ▶</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="82"/>
        <source>编辑所选班次…</source>
        <translation>Edit selected shift…</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="85"/>
        <source>标注节假日 / 敏感时段…</source>
        <translation>Mark holiday / sensitive period…</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="87"/>
        <source>导入 Excel…</source>
        <translation>Import Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="89"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="91"/>
        <source>打印（PDF）…</source>
        <translation>Print (PDF)…</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="93"/>
        <source>班次时间…</source>
        <translation>Shift times…</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="149"/>
        <source>%1年%2月</source>
        <translation>%2/%1</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="150"/>
        <source>本班：%1&#x3000;&#x3000;下一班：%2</source>
        <translation>This shift: %1    Next: %2</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="152"/>
        <source>7 天内无人值班的班次：%1</source>
        <translation>Shifts with nobody rostered in the next 7 days: %1</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="157"/>
        <source>%1%2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="166"/>
        <source>（未排班）</source>
        <translation>(nobody rostered)</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="174"/>
        <source>（今天）</source>
        <translation> (today)</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="190"/>
        <source>请先在表中选中一个班次。</source>
        <translation>Select a shift in the table first.</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="199"/>
        <source>%1 %2（%3）</source>
        <translation>%1 %2 (%3)</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="241"/>
        <location filename="../../ui/roster.py" line="252"/>
        <source>导入值班表</source>
        <translation>Import roster</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="241"/>
        <location filename="../../ui/roster.py" line="263"/>
        <source>Excel 文件 (*.xlsx)</source>
        <translation>Excel files (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="263"/>
        <source>导出值班表</source>
        <translation>Export roster</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="271"/>
        <source>打印值班表</source>
        <translation>Print roster</translation>
    </message>
    <message>
        <location filename="../../ui/roster.py" line="271"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ScheduleEditor</name>
    <message>
        <location filename="../../ui/upkeep.py" line="145"/>
        <source> 时</source>
        <translation> h</translation>
    </message>
    <message>
        <location filename="../../ui/upkeep.py" line="152"/>
        <source> 天</source>
        <translation> days</translation>
    </message>
    <message>
        <location filename="../../ui/upkeep.py" line="153"/>
        <source>不定时</source>
        <translation>not scheduled</translation>
    </message>
    <message>
        <location filename="../../ui/upkeep.py" line="154"/>
        <source>保存整理计划</source>
        <translation>Save the schedule</translation>
    </message>
    <message>
        <location filename="../../ui/upkeep.py" line="162"/>
        <source>定时整理时段（北京时间）</source>
        <translation>Housekeeping hour (Beijing time)</translation>
    </message>
    <message>
        <location filename="../../ui/upkeep.py" line="163"/>
        <source>更新统计每</source>
        <translation>Refresh statistics every</translation>
    </message>
    <message>
        <location filename="../../ui/upkeep.py" line="163"/>
        <source>整理数据库每</source>
        <translation>Tidy the database every</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/settings_page.py" line="29"/>
        <source>用户账户</source>
        <translation>User accounts</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="35"/>
        <source>校验审计日志哈希链</source>
        <translation>Verify the audit hash chain</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="45"/>
        <source>最近 200 条审计记录</source>
        <translation>Latest 200 audit entries</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="53"/>
        <source>连接数据库…</source>
        <translation>Connect database…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="55"/>
        <source>设置本机启动时打开的数据库：SQLite 文件或 PostgreSQL 服务器</source>
        <translation>Choose the database this machine opens at start: a SQLite file or a PostgreSQL server</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="66"/>
        <source>数据与审计</source>
        <translation>Data and audit</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="70"/>
        <source>备份与恢复</source>
        <translation>Backup and restore</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="72"/>
        <source>值班单位</source>
        <translation>Duty post</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="87"/>
        <source>数据库：%1
结构版本：%2
用户数据目录：%3
错误日志：%4
数据库使用 WAL 日志与 synchronous=FULL，每次操作为一个事务。</source>
        <translation>Database: %1
Schema revision: %2
User data folder: %3
Error log: %4
The database uses WAL with synchronous=FULL; every action is one transaction.</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="105"/>
        <source>正在校验审计日志…</source>
        <translation>Checking the audit log…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="129"/>
        <source>哈希链 %v / %m 条</source>
        <translation>Hash chain %v / %m entries</translation>
    </message>
    <message>
        <location filename="../../ui/settings_page.py" line="129"/>
        <source>业务数据 %v / %m 行</source>
        <translation>Records %v / %m rows</translation>
    </message>
</context>
<context>
    <name>SheltersPanel</name>
    <message>
        <location filename="../../ui/shelters.py" line="37"/>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <location filename="../../ui/shelters.py" line="41"/>
        <source>人员说明，如“低洼片区居民”“养老院老人”</source>
        <translation>Who they are, e.g. “residents of the low-lying area”, “care-home residents”</translation>
    </message>
    <message>
        <location filename="../../ui/shelters.py" line="42"/>
        <source>超员安置</source>
        <translation>Over capacity</translation>
    </message>
    <message>
        <location filename="../../ui/shelters.py" line="46"/>
        <source>超员理由（勾选超员时必填）</source>
        <translation>Reason for over capacity (required when ticked)</translation>
    </message>
    <message>
        <location filename="../../ui/shelters.py" line="49"/>
        <source>安置</source>
        <translation>Shelter</translation>
    </message>
    <message>
        <location filename="../../ui/shelters.py" line="52"/>
        <source>离开</source>
        <translation>Leave</translation>
    </message>
    <message>
        <location filename="../../ui/shelters.py" line="64"/>
        <source>可用避难场所（距事发地由近到远；已关闭的不列出）</source>
        <translation>Available shelters (nearest first; closed ones not listed)</translation>
    </message>
    <message>
        <location filename="../../ui/shelters.py" line="71"/>
        <source>本事件的安置记录</source>
        <translation>Shelter records of this incident</translation>
    </message>
    <message>
        <location filename="../../ui/shelters.py" line="125"/>
        <source>请选择避难场所</source>
        <translation>Choose a shelter</translation>
    </message>
</context>
<context>
    <name>Shifts</name>
    <message>
        <location filename="../../ui/texts.py" line="29"/>
        <source>%1月%2日</source>
        <translation>%3</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="35"/>
        <source>%1%2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location filename="../../ui/texts.py" line="40"/>
        <source>次日</source>
        <translation>next day </translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../ui/signin.py" line="29"/>
        <source>签到上岗 — commanddesk</source>
        <translation>Sign in — commanddesk</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="45"/>
        <source>6–12 位数字</source>
        <translation>6–12 digits</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="50"/>
        <source>请值班人员签到。本班内的所有修改都将记在您的名下。</source>
        <translation>Duty staff, please sign in. Every change in this shift is recorded under your name.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="53"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="54"/>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="57"/>
        <source>不在本班值班表上：请说明原因（如 替班）</source>
        <translation>Not on this shift&apos;s roster: give the reason (e.g. standing in)</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="68"/>
        <source>暂不签收的原因</source>
        <translation>Why you do not take it over now</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="75"/>
        <source>签到</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="76"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="83"/>
        <source>演示账户：</source>
        <translation>Demo accounts: </translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="84"/>
        <source>。PIN 见 README。</source>
        <translation>. PINs are in the README.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="103"/>
        <source>正在打开数据库，请稍候再试。</source>
        <translation>The database is still opening; try again in a moment.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="108"/>
        <source>请填写姓名。</source>
        <translation>Enter a name.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="121"/>
        <source>签到同时签收第 %1 号交接班记录（交班人 %2）</source>
        <translation>Take over handover record no. %1 (from %2) as I sign in</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="125"/>
        <source>有交班人已签字的交接班记录待签收；如暂不签收，请取消勾选并说明原因。</source>
        <translation>A handover signed by the outgoing officer waits for you; to not take it over now, untick it and give the reason.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="129"/>
        <source>不签收交接班记录须说明原因。</source>
        <translation>Give the reason for not taking the handover over.</translation>
    </message>
    <message>
        <location filename="../../ui/signin.py" line="136"/>
        <source>如确需上岗，请填写原因后再签到。</source>
        <translation> To go on duty anyway, give the reason and sign in again.</translation>
    </message>
</context>
<context>
    <name>SpreadsheetBar</name>
    <message>
        <location filename="../../ui/spreadsheets.py" line="52"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/spreadsheets.py" line="53"/>
        <source>Excel 模板…</source>
        <translation>Excel template…</translation>
    </message>
    <message>
        <location filename="../../ui/spreadsheets.py" line="54"/>
        <source>从 Excel 导入…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/spreadsheets.py" line="81"/>
        <source>保存 Excel 文件</source>
        <translation>Save Excel file</translation>
    </message>
    <message>
        <location filename="../../ui/spreadsheets.py" line="91"/>
        <source>已保存模板：%1</source>
        <translation>Template saved: %1</translation>
    </message>
    <message>
        <location filename="../../ui/spreadsheets.py" line="94"/>
        <source>已导出 %1 条到 %2</source>
        <translation>%1 exported to %2</translation>
    </message>
    <message>
        <location filename="../../ui/spreadsheets.py" line="99"/>
        <source>选择要导入的 Excel 文件</source>
        <translation>Choose the Excel file to import</translation>
    </message>
</context>
<context>
    <name>StatisticsPage</name>
    <message>
        <location filename="../../ui/statistics.py" line="399"/>
        <source>导出 Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="402"/>
        <source>月报 PDF…</source>
        <translation>Monthly PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="404"/>
        <source>截止日期所在月份的一页统计简报（含上年同期）；各图右键可导出 PNG</source>
        <translation>A one-page summary of the month the period ends in (with the same month last year); right-click a chart to export it as PNG</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="410"/>
        <source>统计期间</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="418"/>
        <source>按月事件数</source>
        <translation>Incidents by month</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="419"/>
        <source>按类型事件数（前 8 类）</source>
        <translation>Incidents by type (top 8)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="420"/>
        <location filename="../../ui/statistics.py" line="508"/>
        <source>按等级事件数</source>
        <translation>Incidents by grade</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="421"/>
        <source>报告按时率（按规则）</source>
        <translation>Reports on time (by rule)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="426"/>
        <source>左下图显示的内容</source>
        <translation>What the lower-left chart shows</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="427"/>
        <source>按等级</source>
        <translation>By grade</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="427"/>
        <source>按乡镇（街道）</source>
        <translation>By township</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="428"/>
        <source>迟报分钟</source>
        <translation>Minutes late</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="428"/>
        <source>接报至首报</source>
        <translation>Receipt to first report</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="429"/>
        <source>派出至到场</source>
        <translation>Order to arrival</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="429"/>
        <source>预警转发用时</source>
        <translation>Warning forwarding time</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="430"/>
        <source>预警按类型</source>
        <translation>Warnings by type</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="430"/>
        <source>演练按年</source>
        <translation>Drills by year</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="444"/>
        <source>报告时限完成情况（不含演练、作废与合并的事件）</source>
        <translation>Reporting deadlines met (drills, voided and merged incidents excluded)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="469"/>
        <source>截止日期不能早于起始日期。</source>
        <translation>The end date cannot be before the start date.</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="477"/>
        <source>事件 %1 起；报告时限 %2 项，按时 %3 项（%4）</source>
        <translation>%1 incidents; %2 reporting deadlines, %3 on time (%4)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="483"/>
        <source>上年同期</source>
        <translation>Same period last year</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="484"/>
        <source>按月事件数（灰线：上年同期，共 %1 起）</source>
        <translation>Incidents by month (grey line: same period last year, %1 in all)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="505"/>
        <source>中位 %1 分钟</source>
        <translation>median %1 min</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="512"/>
        <source>按乡镇（街道）事件数（前 10）</source>
        <translation>Incidents by township (top 10)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="515"/>
        <source>迟报的报告迟了多久（项）</source>
        <translation>How late the late reports were (clocks)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="520"/>
        <source>接报至首报用时（起，%1）</source>
        <translation>Receipt to first report (incidents, %1)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="520"/>
        <source>派出至到场用时（次，%1）</source>
        <translation>Order to arrival (dispatches, %1)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="521"/>
        <source>预警接收至首次转发（条，%1）</source>
        <translation>Warning received to first forwarded (warnings, %1)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="525"/>
        <source>预警按类型（条）</source>
        <translation>Warnings by type</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="529"/>
        <source>演练按年（次）</source>
        <translation>Drills by year</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="548"/>
        <source>%1：%2（%3 起）</source>
        <translation>%1: %2 (%3 incidents)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="566"/>
        <source>导出月报</source>
        <translation>Export monthly summary</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="567"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="581"/>
        <source>导出统计表</source>
        <translation>Export statistics</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="583"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/statistics.py" line="572"/>
        <location filename="../../ui/statistics.py" line="588"/>
        <source>已导出：%1</source>
        <translation>Exported: %1</translation>
    </message>
</context>
<context>
    <name>StoreDialog</name>
    <message>
        <location filename="../../ui/store_dialog.py" line="29"/>
        <location filename="../../ui/store_dialog.py" line="121"/>
        <source>连接数据库</source>
        <translation>Connect database</translation>
    </message>
    <message>
        <location filename="../../ui/store_dialog.py" line="31"/>
        <source>本机启动时（不带 --db）打开的数据库：单席位用本机的 SQLite 文件，县级指挥中心的多个席位用同一台 PostgreSQL 服务器。
当前打开的数据库：%1</source>
        <translation>The database this machine opens at start (without --db): a local SQLite file for a single seat, one PostgreSQL server for the seats of a county command centre.
Open now: %1</translation>
    </message>
    <message>
        <location filename="../../ui/store_dialog.py" line="44"/>
        <source>本机设置：%1</source>
        <translation>This machine&apos;s setting: %1</translation>
    </message>
    <message>
        <location filename="../../ui/store_dialog.py" line="46"/>
        <source>本机设置：未设置（打开默认文件 %1）</source>
        <translation>This machine&apos;s setting: none (the default file %1 opens)</translation>
    </message>
    <message>
        <location filename="../../ui/store_dialog.py" line="50"/>
        <source>postgresql://seat1@10.0.0.5/commanddesk 或 数据库文件路径</source>
        <translation>postgresql://seat1@10.0.0.5/commanddesk or a database file path</translation>
    </message>
    <message>
        <location filename="../../ui/store_dialog.py" line="51"/>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../ui/store_dialog.py" line="56"/>
        <source>保存前先实际连接一次，连不上不保存。地址中的密码不写入设置文件，而是存入本机的 PostgreSQL 密码文件 %1（仅本用户可读）；也可以不写密码，由管理员事先填好该文件。启动命令（桌面快捷方式）中写了 --db 的，仍以 --db 为准。</source>
        <translation>It is connected to before it is saved; nothing is saved if that fails. A password in the address is not written to the setting but to this machine&apos;s PostgreSQL password file %1 (readable by this user only); or leave it out and have the administrator fill that file beforehand. A start command (desktop launcher) with --db still opens its --db.</translation>
    </message>
    <message>
        <location filename="../../ui/store_dialog.py" line="71"/>
        <source>检查并保存</source>
        <translation>Check and save</translation>
    </message>
    <message>
        <location filename="../../ui/store_dialog.py" line="72"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/store_dialog.py" line="87"/>
        <source>选择数据库文件</source>
        <translation>Choose database file</translation>
    </message>
    <message>
        <location filename="../../ui/store_dialog.py" line="88"/>
        <source>SQLite 数据库 (*.sqlite *.db);;所有文件 (*)</source>
        <translation>SQLite databases (*.sqlite *.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/store_dialog.py" line="95"/>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../ui/store_dialog.py" line="102"/>
        <source>无法使用：%1。设置未保存。</source>
        <translation>Cannot use it: %1. Nothing was saved.</translation>
    </message>
    <message>
        <location filename="../../ui/store_dialog.py" line="117"/>
        <source>已保存：本机下次启动时打开 %1（%2）。
现在重新启动 commanddesk 吗？</source>
        <translation>Saved: this machine opens %1 at the next start (%2).
Restart commanddesk now?</translation>
    </message>
    <message>
        <location filename="../../ui/store_dialog.py" line="120"/>
        <source>密码已存入 %1。</source>
        <translation>The password is kept in %1.</translation>
    </message>
</context>
<context>
    <name>SyncDialog</name>
    <message>
        <location filename="../../ui/sync.py" line="38"/>
        <source>指挥车同步</source>
        <translation>Command vehicle sync</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="47"/>
        <source>交换</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="48"/>
        <location filename="../../ui/sync.py" line="130"/>
        <location filename="../../ui/sync.py" line="217"/>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="54"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="65"/>
        <source>建立指挥车数据库（在指挥部，出车前）</source>
        <translation>Make a command vehicle&apos;s database (at the post, before it leaves)</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="67"/>
        <source>站点名称</source>
        <translation>Site name</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="70"/>
        <source>如 车1</source>
        <translation>e.g. V1</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="74"/>
        <source>选择文件并建立…</source>
        <translation>Choose a file and make it…</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="79"/>
        <source>复制基础数据、在办事件及其队伍与物资；同步密钥须一并复制到指挥车电脑。</source>
        <translation>Copies the reference data and the open incidents with their teams and materials; copy the sync key to the vehicle&apos;s computer too.</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="82"/>
        <source>交换包（U 盘或任何文件传递）</source>
        <translation>Packages (USB stick or any file transfer)</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="84"/>
        <source>发往</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="89"/>
        <source>导出交换包…</source>
        <translation>Export package…</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="93"/>
        <source>写入上次交换以来本库的全部变更，经签名。</source>
        <translation>Writes every change in this store since the last exchange, signed.</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="94"/>
        <source>用口令加密</source>
        <translation>Encrypt with a passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="100"/>
        <source>交换包口令</source>
        <translation>Package passphrase</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="104"/>
        <source>AES-256-GCM；对方导入时须输入同一口令（至少 8 个字符）。</source>
        <translation>AES-256-GCM; the other side enters the same passphrase to import it (at least 8 characters).</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="105"/>
        <source>导入交换包…</source>
        <translation>Import package…</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="113"/>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="115"/>
        <source>尚未交换。</source>
        <translation>Nothing exchanged yet.</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="120"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="120"/>
        <source>条数</source>
        <translation>Records</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="130"/>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="130"/>
        <source>涉及</source>
        <translation>Concerns</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="130"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="131"/>
        <location filename="../../ui/sync.py" line="241"/>
        <source>本地</source>
        <translation>Here</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="131"/>
        <location filename="../../ui/sync.py" line="140"/>
        <location filename="../../ui/sync.py" line="241"/>
        <source>对方</source>
        <translation>There</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="131"/>
        <source>决定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="139"/>
        <source>本地（本库）</source>
        <translation>Here (this store)</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="139"/>
        <source>保留本地</source>
        <translation>Keep ours</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="140"/>
        <source>采用对方</source>
        <translation>Take theirs</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="152"/>
        <source>值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="154"/>
        <source>谁、何时</source>
        <translation>Who, when</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="162"/>
        <source>记入数量</source>
        <translation>Quantity to book</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="168"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="172"/>
        <source>处理理由（必填，记入审计）</source>
        <translation>Reason (required, audited)</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="174"/>
        <source>记下决定</source>
        <translation>Note decision</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="180"/>
        <location filename="../../ui/sync.py" line="233"/>
        <source>应用全部决定</source>
        <translation>Apply all decisions</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="194"/>
        <source>%1：已发 %2 号、已收 %3 号</source>
        <translation>%1: sent up to no. %2, received up to no. %3</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="196"/>
        <source>本库：%1</source>
        <translation>This store: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="198"/>
        <source>&#x3000;对端 — %1</source>
        <translation>&#x3000;Peers — %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="216"/>
        <source>冲突（%1）</source>
        <translation>Conflicts (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="232"/>
        <source>应用全部决定（%1 项）</source>
        <translation>Apply all decisions (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="240"/>
        <source>待定</source>
        <translation>Undecided</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="251"/>
        <source>（未记录）</source>
        <translation>(not recorded)</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="258"/>
        <source>对方（%1）</source>
        <translation>There (%1)</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="265"/>
        <source>记入数量（库存 %1，对方发放 %2）</source>
        <translation>Quantity to book (in stock %1, issued there %2)</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="285"/>
        <source>请选择保留本地或采用对方。</source>
        <translation>Choose to keep ours or take theirs.</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="289"/>
        <source>请写明处理理由。</source>
        <translation>Write the reason.</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="306"/>
        <source>还没有记下任何决定。</source>
        <translation>No decision noted yet.</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="315"/>
        <source>已处理冲突 %1 条，每条的决定和理由已记入审计。</source>
        <translation>%1 conflict(s) resolved; each decision and its reason is in the audit log.</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="323"/>
        <source>请填写指挥车的站点名称，如 车1。</source>
        <translation>Enter the vehicle&apos;s site name, e.g. 车1.</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="327"/>
        <source>指挥车数据库保存到</source>
        <translation>Save the vehicle&apos;s database to</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="337"/>
        <location filename="../../ui/sync.py" line="371"/>
        <source>无法写入文件：%1</source>
        <translation>Cannot write the file: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="341"/>
        <source>已建立指挥车“%1”的数据库 %2：在办事件 %3 起，共复制 %4 行。同步密钥 %5 须一并复制到指挥车电脑的同一位置。</source>
        <translation>Made the database of vehicle “%1” at %2: %3 open incident(s), %4 rows copied. Copy the sync key %5 to the same place on the vehicle&apos;s computer.</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="352"/>
        <source>还没有同步对端：先建立指挥车数据库。</source>
        <translation>No peer yet: make a command vehicle&apos;s database first.</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="356"/>
        <source>请输入交换包口令，或取消“用口令加密”。</source>
        <translation>Enter the package passphrase, or clear “Encrypt with a passphrase”.</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="360"/>
        <source>交换包保存到</source>
        <translation>Save the package to</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="374"/>
        <source>已写入发往“%1”的第 %2 号加密交换包 %3（%4 KB）。</source>
        <translation>Wrote encrypted package no. %2 for “%1” to %3 (%4 KB).</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="375"/>
        <source>已写入发往“%1”的第 %2 号交换包 %3（%4 KB）。</source>
        <translation>Wrote package no. %2 for “%1” to %3 (%4 KB).</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="384"/>
        <source>加密交换包</source>
        <translation>Encrypted package</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="384"/>
        <source>该交换包已加密，请输入口令：</source>
        <translation>This package is encrypted. Enter its passphrase:</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="392"/>
        <source>选择交换包</source>
        <translation>Choose a package</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="399"/>
        <source>未输入口令，未导入任何内容。</source>
        <translation>No passphrase entered; nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="407"/>
        <source>无法读取文件：%1</source>
        <translation>Cannot read the file: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="412"/>
        <source>来自“%1”的第 %2 号交换包已导入过，未作改动。</source>
        <translation>Package no. %2 from “%1” was imported before; nothing changed.</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="416"/>
        <source>已导入来自“%1”的第 %2 号交换包：合并 %3 条，冲突 %4 条。</source>
        <translation>Imported package no. %2 from “%1”: %3 merged, %4 conflict(s).</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="420"/>
        <source>冲突：%1</source>
        <translation>Conflict: %1</translation>
    </message>
    <message>
        <location filename="../../ui/sync.py" line="109"/>
        <source>合并对方的变更；冲突留待人工处理，其余照常合并。</source>
        <translation>Merges the other side&apos;s changes; conflicts wait for a person, the rest is merged.</translation>
    </message>
</context>
<context>
    <name>Upkeep</name>
    <message>
        <location filename="../../ui/upkeep.py" line="87"/>
        <source>定时整理数据库…</source>
        <translation>Scheduled database tidy…</translation>
    </message>
    <message>
        <location filename="../../ui/upkeep.py" line="87"/>
        <source>定时更新统计信息…</source>
        <translation>Scheduled statistics refresh…</translation>
    </message>
    <message>
        <location filename="../../ui/upkeep.py" line="117"/>
        <source>定时整理未完成，稍后再试：%1</source>
        <translation>Scheduled housekeeping not done, trying again later: %1</translation>
    </message>
    <message>
        <location filename="../../ui/upkeep.py" line="124"/>
        <source>定时整理已完成，但未能记录：%1</source>
        <translation>Scheduled housekeeping done but could not be recorded: %1</translation>
    </message>
    <message>
        <location filename="../../ui/upkeep.py" line="126"/>
        <source>已按计划更新查询统计信息（ANALYZE）。</source>
        <translation>Query statistics refreshed on schedule (ANALYZE).</translation>
    </message>
</context>
<context>
    <name>WarningsPage</name>
    <message>
        <location filename="../../ui/warnings.py" line="60"/>
        <source>导入 CAP 预警文件…</source>
        <translation>Import CAP warning file…</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="63"/>
        <source>手工登记…</source>
        <translation>Register by hand…</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="65"/>
        <source>登记转发…</source>
        <translation>Record forwarding…</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="68"/>
        <source>登记解除…</source>
        <translation>Record lifting…</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="70"/>
        <source>导出 CAP…</source>
        <translation>Export CAP…</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="72"/>
        <location filename="../../ui/warnings.py" line="128"/>
        <source>把所选预警导出为 CAP 1.2 文件（写出前按 CAP 1.2 模式校验）</source>
        <translation>Export the chosen warning as a CAP 1.2 file (validated against the CAP 1.2 schema before writing)</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="93"/>
        <source>本轮须转发的对象</source>
        <translation>Must be forwarded to</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="101"/>
        <source>转发时限为地方做法（默认收到后 30 分钟，规则 C-FORWARD-30，可在时限规则的本地配置中调整）；转发时限显示在顶部时限条上。</source>
        <translation>The forwarding deadline is local practice (30 minutes after receipt by default, rule C-FORWARD-30, adjustable in the local clock rules); it shows on the deadline strip at the top.</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="124"/>
        <source>请先签到（值班员、带班领导或管理员）</source>
        <translation>Sign in first (duty officer, shift leader or administrator)</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="162"/>
        <source>&lt;p&gt;预警登记为空。收到预警信息后，可导入 CAP 1.2 文件或手工登记。&lt;/p&gt;</source>
        <translation>&lt;p&gt;No warnings registered. When a warning arrives, import its CAP 1.2 file or register it by hand.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="212"/>
        <source>导入 CAP 1.2 预警文件</source>
        <translation>Import a CAP 1.2 warning file</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="212"/>
        <source>CAP 预警文件 (*.xml *.cap);;所有文件 (*)</source>
        <translation>CAP warning files (*.xml *.cap);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="218"/>
        <source>无法读取文件：%1</source>
        <translation>Cannot read the file: %1</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="234"/>
        <source>导出 CAP 1.2 预警文件</source>
        <translation>Export CAP 1.2 warning file</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="235"/>
        <source>CAP 预警文件 (*.xml)</source>
        <translation>CAP warning files (*.xml)</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="250"/>
        <source>发布</source>
        <translation>alert</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="250"/>
        <source>更新</source>
        <translation>update</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="250"/>
        <source>解除</source>
        <translation>cancel</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="251"/>
        <source>已导出 CAP 1.2 %1消息（%2，已通过模式校验）：%3</source>
        <translation>CAP 1.2 %1 message exported (%2, schema-valid): %3</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="275"/>
        <source>手工登记预警信息</source>
        <translation>Register a warning by hand</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="276"/>
        <source>预警类型</source>
        <translation>Warning type</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="277"/>
        <source>预警颜色</source>
        <translation>Warning colour</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="278"/>
        <source>发布单位</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="279"/>
        <source>区域（行政区划代码，逗号分隔）</source>
        <translation>Area (division codes, comma-separated)</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="280"/>
        <source>发布时间（北京时间）</source>
        <translation>Issued (Beijing time)</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="281"/>
        <source>失效时间（可空）</source>
        <translation>Expires (optional)</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="282"/>
        <source>标题（可空，自动生成）</source>
        <translation>Title (optional, generated)</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="283"/>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="284"/>
        <source>电话或传真收到的预警信息在此登记；收到时间记为现在，转发时限随即开始。</source>
        <translation>Register warnings received by phone or fax here; the time received is now and the forwarding deadline starts.</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="302"/>
        <source>登记预警解除</source>
        <translation>Record warning lifted</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="302"/>
        <source>解除依据</source>
        <translation>Grounds for lifting</translation>
    </message>
    <message>
        <location filename="../../ui/warnings.py" line="304"/>
        <source>发布单位通知解除预警时登记；未完成的转发时限随之停止。</source>
        <translation>Record when the issuer lifts the warning; open forwarding deadlines stop with it.</translation>
    </message>
</context>
<context>
    <name>ZoneDialog</name>
    <message>
        <location filename="../../ui/map_page.py" line="696"/>
        <source>保存区域</source>
        <translation>Save zone</translation>
    </message>
    <message>
        <location filename="../../ui/map_page.py" line="700"/>
        <source>区域名称，如 罐区500米警戒区</source>
        <translation>Zone name, e.g. 500 m cordon around the tank farm</translation>
    </message>
</context>
<context>
    <name>nav</name>
    <message>
        <location filename="../../pages.py" line="14"/>
        <source>值班</source>
        <translation>Duty</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="15"/>
        <source>值班表</source>
        <translation>Roster</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="16"/>
        <source>交接班</source>
        <translation>Handover</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="17"/>
        <source>接报</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="18"/>
        <source>事件</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="19"/>
        <source>预警</source>
        <translation>Warnings</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="20"/>
        <source>预案</source>
        <translation>Plans</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="21"/>
        <source>地图</source>
        <translation>Map</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="22"/>
        <source>队伍</source>
        <translation>Teams</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="23"/>
        <source>物资</source>
        <translation>Materials</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="24"/>
        <source>物资台账</source>
        <translation>Ledger</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="25"/>
        <source>避难场所</source>
        <translation>Shelters</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="26"/>
        <source>风险隐患</source>
        <translation>Hazards</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="27"/>
        <source>通讯录</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="28"/>
        <source>演练</source>
        <translation>Drills</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="29"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../pages.py" line="30"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
</context>
</TS>
