<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name></name>
    <message>
        <source> 分钟</source>
        <translation> min</translation>
    </message>
    <message>
        <source>10 项，10 超时</source>
        <translation>10 items, 10 overdue</translation>
    </message>
    <message>
        <source>110/119 转警</source>
        <translation>Passed on by 110/119</translation>
    </message>
    <message>
        <source>12350 热线</source>
        <translation>12350 hotline</translation>
    </message>
    <message>
        <source>6–12 位数字，不可过于简单；编辑时留空表示不修改</source>
        <translation>6–12 digits, not too simple; leave blank when editing to keep it</translation>
    </message>
    <message>
        <source>&lt;/table&gt;&lt;p&gt;注：粉色为法定节假日，黄色为敏感时段；“未排班”须在当班前补齐。&lt;/p&gt;</source>
        <translation>&lt;/table&gt;&lt;p&gt;注：粉色为法定节假日，黄色为敏感时段；“未排班”须在当班前补齐。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;其他转发记录&lt;/b&gt; </source>
        <translation>&lt;p&gt;&lt;b&gt;Other forwarding records&lt;/b&gt; </translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;th&gt;日期&lt;/th&gt;&lt;th&gt;星期&lt;/th&gt;&lt;th&gt;标注&lt;/th&gt;</source>
        <translation>&lt;tr&gt;&lt;th&gt;日期&lt;/th&gt;&lt;th&gt;星期&lt;/th&gt;&lt;th&gt;标注&lt;/th&gt;</translation>
    </message>
    <message>
        <source>WGS-84 十进制度</source>
        <translation>WGS-84 decimal degrees</translation>
    </message>
    <message>
        <source>commanddesk 报告时限</source>
        <translation>commanddesk deadlines</translation>
    </message>
    <message>
        <source>“直接经济损失”不能为负数。</source>
        <translation>“Direct economic loss” cannot be negative.</translation>
    </message>
    <message>
        <source>Ⅰ级</source>
        <translation>Level Ⅰ</translation>
    </message>
    <message>
        <source>Ⅰ级响应</source>
        <translation>Level Ⅰ response</translation>
    </message>
    <message>
        <source>Ⅱ级</source>
        <translation>Level Ⅱ</translation>
    </message>
    <message>
        <source>Ⅱ级响应</source>
        <translation>Level Ⅱ response</translation>
    </message>
    <message>
        <source>Ⅲ级</source>
        <translation>Level Ⅲ</translation>
    </message>
    <message>
        <source>Ⅲ级响应</source>
        <translation>Level Ⅲ response</translation>
    </message>
    <message>
        <source>Ⅳ级</source>
        <translation>Level Ⅳ</translation>
    </message>
    <message>
        <source>Ⅳ级响应</source>
        <translation>Level Ⅳ response</translation>
    </message>
    <message>
        <source>　&lt;b&gt;含多边形&lt;/b&gt;</source>
        <translation>　&lt;b&gt;with polygon&lt;/b&gt;</translation>
    </message>
    <message>
        <source>　最新：</source>
        <translation>　Latest: </translation>
    </message>
    <message>
        <source>　缺少要素：</source>
        <translation>　Missing elements: </translation>
    </message>
    <message>
        <source>　要素齐全</source>
        <translation>　All elements present</translation>
    </message>
    <message>
        <source>【插入事件】</source>
        <translation>[Inject] </translation>
    </message>
    <message>
        <source>一</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>一张图快照</source>
        <translation>situation-map</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>Grade IV</translation>
    </message>
    <message>
        <source>一般风险（黄）</source>
        <translation>Moderate risk (yellow)</translation>
    </message>
    <message>
        <source>三</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>上年同期</source>
        <translation>Same period last year</translation>
    </message>
    <message>
        <source>上报市政府的接收单位</source>
        <translation>Recipient at the city government</translation>
    </message>
    <message>
        <source>下一步</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>不可用</source>
        <translation>Unavailable</translation>
    </message>
    <message>
        <source>不详</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>专业应急救援队伍</source>
        <translation>Professional rescue team</translation>
    </message>
    <message>
        <source>专家</source>
        <translation>Expert</translation>
    </message>
    <message>
        <source>专家队伍</source>
        <translation>Expert team</translation>
    </message>
    <message>
        <source>专长</source>
        <translation>Specialities</translation>
    </message>
    <message>
        <source>专项预案</source>
        <translation>Special plans</translation>
    </message>
    <message>
        <source>个人防护</source>
        <translation>Personal protection</translation>
    </message>
    <message>
        <source>中</source>
        <translation>medium</translation>
    </message>
    <message>
        <source>中心避难场所</source>
        <translation>Central shelter</translation>
    </message>
    <message>
        <source>中文</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>主要装备</source>
        <translation>Main equipment</translation>
    </message>
    <message>
        <source>主要风险</source>
        <translation>Main risks</translation>
    </message>
    <message>
        <source>主责</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>乡镇（街道）</source>
        <translation>Township (subdistrict)</translation>
    </message>
    <message>
        <source>乡镇（街道）级</source>
        <translation>Township (subdistrict) level</translation>
    </message>
    <message>
        <source>乡镇（街道）预案</source>
        <translation>Township (subdistrict) plans</translation>
    </message>
    <message>
        <source>事件</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>事件 / 时限</source>
        <translation>Incident / deadline</translation>
    </message>
    <message>
        <source>事件类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>事件类别＊</source>
        <translation>Category*</translation>
    </message>
    <message>
        <source>事件类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>事件类型＊</source>
        <translation>Type*</translation>
    </message>
    <message>
        <source>事件编号</source>
        <translation>Incident number</translation>
    </message>
    <message>
        <source>事件（不含演练、作废、合并）</source>
        <translation>Incidents (excluding drills, voided and merged)</translation>
    </message>
    <message>
        <source>事发地点</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>事发地点＊</source>
        <translation>Location*</translation>
    </message>
    <message>
        <source>事发时间</source>
        <translation>Occurred at</translation>
    </message>
    <message>
        <source>事故</source>
        <translation>Accident</translation>
    </message>
    <message>
        <source>事故灾难</source>
        <translation>Accidents</translation>
    </message>
    <message>
        <source>事由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>事项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>二</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>五</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>交换包</source>
        <translation>package</translation>
    </message>
    <message>
        <source>交换包 (*.cdsync);;所有文件 (*)</source>
        <translation>Packages (*.cdsync);;All files (*)</translation>
    </message>
    <message>
        <source>交接班记录</source>
        <translation>Handover record</translation>
    </message>
    <message>
        <source>交班人</source>
        <translation>Outgoing officer</translation>
    </message>
    <message>
        <source>人员密集场所</source>
        <translation>Crowded venue</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>仓库</source>
        <translation>Depot</translation>
    </message>
    <message>
        <source>以“；”分隔</source>
        <translation>separated by “；”</translation>
    </message>
    <message>
        <source>以“；”分隔，如 冲锋舟×4</source>
        <translation>separated by “；”, e.g. 冲锋舟×4</translation>
    </message>
    <message>
        <source>任务</source>
        <translation>Task</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>企业专兼职队伍</source>
        <translation>Enterprise team (full/part-time)</translation>
    </message>
    <message>
        <source>企业代储</source>
        <translation>Stored by enterprises</translation>
    </message>
    <message>
        <source>企业（单位）预案</source>
        <translation>Enterprise plans</translation>
    </message>
    <message>
        <source>传染病疫情</source>
        <translation>Infectious disease outbreak</translation>
    </message>
    <message>
        <source>传真</source>
        <translation>Fax</translation>
    </message>
    <message>
        <source>伤亡与损失</source>
        <translation>Casualties and losses</translation>
    </message>
    <message>
        <source>低</source>
        <translation>low</translation>
    </message>
    <message>
        <source>低于定额</source>
        <translation>Below quota</translation>
    </message>
    <message>
        <source>低温雨雪冰冻</source>
        <translation>Cold, snow and ice</translation>
    </message>
    <message>
        <source>低风险（蓝）</source>
        <translation>Low risk (blue)</translation>
    </message>
    <message>
        <source>依托单位</source>
        <translation>Host unit</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>侦测搜寻</source>
        <translation>Detection and search</translation>
    </message>
    <message>
        <source>保质期（天）</source>
        <translation>Shelf life (days)</translation>
    </message>
    <message>
        <source>信息系统</source>
        <translation>Information system</translation>
    </message>
    <message>
        <source>修改原因</source>
        <translation>Reason for change</translation>
    </message>
    <message>
        <source>修改定级与时限规则表</source>
        <translation>edit the grading and deadline rules</translation>
    </message>
    <message>
        <source>修改资源台账</source>
        <translation>edit the resource registers</translation>
    </message>
    <message>
        <source>倒损房屋（间）</source>
        <translation>Rooms collapsed or damaged</translation>
    </message>
    <message>
        <source>值班员</source>
        <translation>Duty officer</translation>
    </message>
    <message>
        <source>值班室名称</source>
        <translation>Duty room name</translation>
    </message>
    <message>
        <source>值班日报</source>
        <translation>Daily duty report</translation>
    </message>
    <message>
        <source>值班电话</source>
        <translation>Duty phone</translation>
    </message>
    <message>
        <source>值班表</source>
        <translation>Roster</translation>
    </message>
    <message>
        <source>值班角色</source>
        <translation>Duty role</translation>
    </message>
    <message>
        <source>停电负荷比例（0–1）</source>
        <translation>Share of load lost (0–1)</translation>
    </message>
    <message>
        <source>储备定额</source>
        <translation>Quota</translation>
    </message>
    <message>
        <source>储备定额…</source>
        <translation>Quota…</translation>
    </message>
    <message>
        <source>储备层级</source>
        <translation>Reserve level</translation>
    </message>
    <message>
        <source>储备方式</source>
        <translation>Reserve mode</translation>
    </message>
    <message>
        <source>催报</source>
        <translation>Chase</translation>
    </message>
    <message>
        <source>入库</source>
        <translation>Receive</translation>
    </message>
    <message>
        <source>入库…</source>
        <translation>Receive…</translation>
    </message>
    <message>
        <source>入库事由</source>
        <translation>Reason for receipt</translation>
    </message>
    <message>
        <source>全天班</source>
        <translation>All-day shift</translation>
    </message>
    <message>
        <source>全部层级</source>
        <translation>All tiers</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All categories</translation>
    </message>
    <message>
        <source>全部级别</source>
        <translation>All levels</translation>
    </message>
    <message>
        <source>公共卫生事件</source>
        <translation>Public health events</translation>
    </message>
    <message>
        <source>六</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>关闭中</source>
        <translation>Closing</translation>
    </message>
    <message>
        <source>其他事故灾难</source>
        <translation>Other accident</translation>
    </message>
    <message>
        <source>其他公共卫生事件</source>
        <translation>Other public health event</translation>
    </message>
    <message>
        <source>其他县（区）储备（跨区调用）</source>
        <translation>Other county reserve (cross-county)</translation>
    </message>
    <message>
        <source>其他社会安全事件</source>
        <translation>Other social security event</translation>
    </message>
    <message>
        <source>其他自然灾害</source>
        <translation>Other natural disaster</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>内容摘要</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>决定人</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <source>决定人（姓名、职务）</source>
        <translation>Decided by (name, post)</translation>
    </message>
    <message>
        <source>准确</source>
        <translation>Exact</translation>
    </message>
    <message>
        <source>几人同班用顿号分隔，如：张三、李四。</source>
        <translation>Separate several people with 、 e.g. 张三、李四.</translation>
    </message>
    <message>
        <source>出库</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>出库…</source>
        <translation>Issue…</translation>
    </message>
    <message>
        <source>出库事由</source>
        <translation>Reason for issue</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>删除演练</source>
        <translation>Delete drill</translation>
    </message>
    <message>
        <source>到场</source>
        <translation>On scene</translation>
    </message>
    <message>
        <source>到期日</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>到期日期</source>
        <translation>Expiry date</translation>
    </message>
    <message>
        <source>到期日期须为日期，格式如 2027-06-30。</source>
        <translation>The expiry date must be a date such as 2027-06-30.</translation>
    </message>
    <message>
        <source>到期日期（有保质期时必填）</source>
        <translation>Expiry date (required for perishables)</translation>
    </message>
    <message>
        <source>剩余 </source>
        <translation>left </translation>
    </message>
    <message>
        <source>剩余时间</source>
        <translation>Time left</translation>
    </message>
    <message>
        <source>力量类别</source>
        <translation>Force class</translation>
    </message>
    <message>
        <source>办公电话</source>
        <translation>Office phone</translation>
    </message>
    <message>
        <source>功能区</source>
        <translation>Functional zone</translation>
    </message>
    <message>
        <source>加油（气）站</source>
        <translation>Fuel (gas) station</translation>
    </message>
    <message>
        <source>动作 / 时限</source>
        <translation>Action / deadline</translation>
    </message>
    <message>
        <source>动物疫情</source>
        <translation>Animal epidemic</translation>
    </message>
    <message>
        <source>化工园区</source>
        <translation>Chemical park</translation>
    </message>
    <message>
        <source>北斗/应急 App</source>
        <translation>BeiDou / emergency app</translation>
    </message>
    <message>
        <source>区域</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>医疗救护</source>
        <translation>Medical care</translation>
    </message>
    <message>
        <source>医疗机构</source>
        <translation>Medical institution</translation>
    </message>
    <message>
        <source>协助</source>
        <translation>Support</translation>
    </message>
    <message>
        <source>协议储备</source>
        <translation>Reserve by agreement</translation>
    </message>
    <message>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>单号</source>
        <translation>Document</translation>
    </message>
    <message>
        <source>危化品码头</source>
        <translation>Hazardous chemicals wharf</translation>
    </message>
    <message>
        <source>危险化学品事故</source>
        <translation>Hazardous chemicals accident</translation>
    </message>
    <message>
        <source>即将到时</source>
        <translation>Due soon</translation>
    </message>
    <message>
        <source>即将到期</source>
        <translation>Expiring</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>原领用事件</source>
        <translation>Incident issued for</translation>
    </message>
    <message>
        <source>去向 / 事由</source>
        <translation>Destination / reason</translation>
    </message>
    <message>
        <source>县（区）</source>
        <translation>County (district)</translation>
    </message>
    <message>
        <source>县（区）级</source>
        <translation>County (district) level</translation>
    </message>
    <message>
        <source>反馈时限</source>
        <translation>Feedback due</translation>
    </message>
    <message>
        <source>反馈时限（分钟）</source>
        <translation>Feedback due (minutes)</translation>
    </message>
    <message>
        <source>发出时间</source>
        <translation>Sent at</translation>
    </message>
    <message>
        <source>发展趋势</source>
        <translation>Outlook</translation>
    </message>
    <message>
        <source>发文单位（报告版头）</source>
        <translation>Issuing body (report letterhead)</translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation>Seen at</translation>
    </message>
    <message>
        <source>受伤（伤情不明）</source>
        <translation>Injured (severity unknown)</translation>
    </message>
    <message>
        <source>受威胁人数</source>
        <translation>People threatened</translation>
    </message>
    <message>
        <source>可用</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>台风</source>
        <translation>Typhoon</translation>
    </message>
    <message>
        <source>各班开始时间</source>
        <translation>Shift start times</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>后勤保障</source>
        <translation>Logistics support</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>否 = 接令后集结</source>
        <translation>No = musters when ordered</translation>
    </message>
    <message>
        <source>启动依据</source>
        <translation>Grounds for activation</translation>
    </message>
    <message>
        <source>启动演练</source>
        <translation>start drills</translation>
    </message>
    <message>
        <source>启用</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>响应中</source>
        <translation>Response under way</translation>
    </message>
    <message>
        <source>响应级别</source>
        <translation>Response level</translation>
    </message>
    <message>
        <source>四</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>回拨电话</source>
        <translation>Call-back number</translation>
    </message>
    <message>
        <source>因旱需救助人数</source>
        <translation>People needing drought relief</translation>
    </message>
    <message>
        <source>固定避难场所</source>
        <translation>Fixed shelter</translation>
    </message>
    <message>
        <source>国家综合性消防救援队伍</source>
        <translation>National fire and rescue force</translation>
    </message>
    <message>
        <source>在地图上查看</source>
        <translation>Show on map</translation>
    </message>
    <message>
        <source>在岗</source>
        <translation>On duty</translation>
    </message>
    <message>
        <source>在岗人数</source>
        <translation>On duty</translation>
    </message>
    <message>
        <source>地图</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>地质灾害</source>
        <translation>Geological hazard</translation>
    </message>
    <message>
        <source>地质灾害隐患点</source>
        <translation>Geohazard site</translation>
    </message>
    <message>
        <source>地震</source>
        <translation>Earthquake</translation>
    </message>
    <message>
        <source>场地型</source>
        <translation>Open site</translation>
    </message>
    <message>
        <source>基层应急队伍</source>
        <translation>Grassroots emergency team</translation>
    </message>
    <message>
        <source>基本生活已保障…</source>
        <translation>Basic needs met…</translation>
    </message>
    <message>
        <source>堤防 / 海堤</source>
        <translation>Dike / sea wall</translation>
    </message>
    <message>
        <source>处置</source>
        <translation>Response</translation>
    </message>
    <message>
        <source>处置事件</source>
        <translation>handle incidents</translation>
    </message>
    <message>
        <source>处置卡</source>
        <translation>Action card</translation>
    </message>
    <message>
        <source>备勤</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>夜班</source>
        <translation>Night shift</translation>
    </message>
    <message>
        <source>大型商业综合体</source>
        <translation>Large shopping complex</translation>
    </message>
    <message>
        <source>大约</source>
        <translation>Approximate</translation>
    </message>
    <message>
        <source>大面积停电</source>
        <translation>Large-scale power outage</translation>
    </message>
    <message>
        <source>失效时间</source>
        <translation>Expires</translation>
    </message>
    <message>
        <source>失踪</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>妇幼/残障专用</source>
        <translation>For mothers, children and the disabled</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>媒体</source>
        <translation>Media</translation>
    </message>
    <message>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>安置后</source>
        <translation>After</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>完成时间</source>
        <translation>Done at</translation>
    </message>
    <message>
        <source>定级条件…</source>
        <translation>Grading conditions…</translation>
    </message>
    <message>
        <source>实物储备</source>
        <translation>Physical reserve</translation>
    </message>
    <message>
        <source>室内</source>
        <translation>Indoor</translation>
    </message>
    <message>
        <source>容量</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>容量（人）</source>
        <translation>Capacity (people)</translation>
    </message>
    <message>
        <source>对方</source>
        <translation>Counterpart</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>导入导出同步交换包、处理同步冲突</source>
        <translation>exchange sync packages and resolve sync conflicts</translation>
    </message>
    <message>
        <source>导出 CAP 事件信息…</source>
        <translation>Export CAP notice…</translation>
    </message>
    <message>
        <source>层级</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>岗位</source>
        <translation>Post</translation>
    </message>
    <message>
        <source>工矿商贸其他事故</source>
        <translation>Other industrial or commercial accident</translation>
    </message>
    <message>
        <source>已作废</source>
        <translation>Voided</translation>
    </message>
    <message>
        <source>已关闭</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>已取消调派</source>
        <translation>Dispatch cancelled</translation>
    </message>
    <message>
        <source>已合并</source>
        <translation>Merged</translation>
    </message>
    <message>
        <source>已启动：</source>
        <translation>Activated: </translation>
    </message>
    <message>
        <source>已复盘</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>已安置</source>
        <translation>Sheltered</translation>
    </message>
    <message>
        <source>已安置（人）</source>
        <translation>Sheltered (people)</translation>
    </message>
    <message>
        <source>已定级</source>
        <translation>Graded</translation>
    </message>
    <message>
        <source>已开放</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已归队</source>
        <translation>Back at base</translation>
    </message>
    <message>
        <source>已报告带班领导…</source>
        <translation>Shift leader informed…</translation>
    </message>
    <message>
        <source>已报零报告…</source>
        <translation>Zero report sent…</translation>
    </message>
    <message>
        <source>已接报</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>已撤出（不可用）</source>
        <translation>Withdrawn (unavailable)</translation>
    </message>
    <message>
        <source>已满员</source>
        <translation>Full</translation>
    </message>
    <message>
        <source>已电话报告市政府…</source>
        <translation>City government informed by phone…</translation>
    </message>
    <message>
        <source>已终止</source>
        <translation>Response ended</translation>
    </message>
    <message>
        <source>已触发</source>
        <translation>Fired</translation>
    </message>
    <message>
        <source>已调派</source>
        <translation>Dispatched</translation>
    </message>
    <message>
        <source>已超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>已转调</source>
        <translation>Transferred</translation>
    </message>
    <message>
        <source>已过期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>已通知</source>
        <translation>Notified</translation>
    </message>
    <message>
        <source>已采取措施</source>
        <translation>Measures taken</translation>
    </message>
    <message>
        <source>已采取的应对</source>
        <translation>Response taken</translation>
    </message>
    <message>
        <source>市</source>
        <translation>City</translation>
    </message>
    <message>
        <source>市级</source>
        <translation>City level</translation>
    </message>
    <message>
        <source>市级储备库</source>
        <translation>City reserve depot</translation>
    </message>
    <message>
        <source>带班领导</source>
        <translation>Shift leader</translation>
    </message>
    <message>
        <source>常备值守</source>
        <translation>Standing watch</translation>
    </message>
    <message>
        <source>干旱</source>
        <translation>Drought</translation>
    </message>
    <message>
        <source>库存</source>
        <translation>Stock</translation>
    </message>
    <message>
        <source>库存行</source>
        <translation>stock line</translation>
    </message>
    <message>
        <source>应对</source>
        <translation>Response</translation>
    </message>
    <message>
        <source>应对措施</source>
        <translation>Response</translation>
    </message>
    <message>
        <source>应急救援队伍调派单</source>
        <translation>Rescue team dispatch order</translation>
    </message>
    <message>
        <source>建立指挥车数据库</source>
        <translation>set up a command vehicle database</translation>
    </message>
    <message>
        <source>建筑型</source>
        <translation>Building</translation>
    </message>
    <message>
        <source>建筑工地 / 深基坑</source>
        <translation>Building site / deep excavation</translation>
    </message>
    <message>
        <source>建筑施工事故</source>
        <translation>Construction accident</translation>
    </message>
    <message>
        <source>建议级别</source>
        <translation>Suggested level</translation>
    </message>
    <message>
        <source>开始日期</source>
        <translation>First day</translation>
    </message>
    <message>
        <source>开放准备</source>
        <translation>Preparing to open</translation>
    </message>
    <message>
        <source>归还</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>归还…</source>
        <translation>Return…</translation>
    </message>
    <message>
        <source>归还单位 / 人</source>
        <translation>Returned by</translation>
    </message>
    <message>
        <source>当前热度</source>
        <translation>Heat now</translation>
    </message>
    <message>
        <source>当面报告</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>当面报送</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>待命</source>
        <translation>Standing by</translation>
    </message>
    <message>
        <source>待用</source>
        <translation>Standby</translation>
    </message>
    <message>
        <source>总人数</source>
        <translation>Headcount</translation>
    </message>
    <message>
        <source>总体预案</source>
        <translation>Overall plans</translation>
    </message>
    <message>
        <source>恐怖袭击事件</source>
        <translation>Terrorist attack</translation>
    </message>
    <message>
        <source>情况</source>
        <translation>Situation</translation>
    </message>
    <message>
        <source>情况说明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>截止</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>所属区划</source>
        <translation>Division</translation>
    </message>
    <message>
        <source>手机</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>批准人</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>批准人（必填）</source>
        <translation>Approved by (required)</translation>
    </message>
    <message>
        <source>批准的带班领导</source>
        <translation>Approving shift leader</translation>
    </message>
    <message>
        <source>批次</source>
        <translation>Batch</translation>
    </message>
    <message>
        <source>批次 / 到期</source>
        <translation>Batch / expiry</translation>
    </message>
    <message>
        <source>批示</source>
        <translation>Instruction</translation>
    </message>
    <message>
        <source>批示内容</source>
        <translation>Instruction text</translation>
    </message>
    <message>
        <source>批示时间</source>
        <translation>Given at</translation>
    </message>
    <message>
        <source>批示领导</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>承办</source>
        <translation>To act</translation>
    </message>
    <message>
        <source>抢险救援</source>
        <translation>Rescue and repair</translation>
    </message>
    <message>
        <source>报告</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>报告内容摘要</source>
        <translation>Report summary</translation>
    </message>
    <message>
        <source>报告按时率（按规则）</source>
        <translation>Reports on time (by rule)</translation>
    </message>
    <message>
        <source>报告方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>报告时间</source>
        <translation>Reported at</translation>
    </message>
    <message>
        <source>报告时限</source>
        <translation>Report deadlines</translation>
    </message>
    <message>
        <source>报废核销</source>
        <translation>Write off</translation>
    </message>
    <message>
        <source>报废核销…</source>
        <translation>Write off…</translation>
    </message>
    <message>
        <source>报废核销原因</source>
        <translation>Reason for write-off</translation>
    </message>
    <message>
        <source>报送</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>报送人</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>报送内容（有情况时必填）</source>
        <translation>What was reported (required if something happened)</translation>
    </message>
    <message>
        <source>报送方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>报送时间</source>
        <translation>Sent at</translation>
    </message>
    <message>
        <source>拨打号码</source>
        <translation>Number called</translation>
    </message>
    <message>
        <source>持续时间（小时）</source>
        <translation>Duration (hours)</translation>
    </message>
    <message>
        <source>指挥车</source>
        <translation>vehicle</translation>
    </message>
    <message>
        <source>按乡镇（街道）事件数（前 10）</source>
        <translation>Incidents by township (top 10)</translation>
    </message>
    <message>
        <source>按先后用逗号分隔，如 08:30,17:30；最后一班到次日第一班开始时结束。</source>
        <translation>In order, separated by commas, e.g. 08:30,17:30; the last shift ends when the first one starts the next day.</translation>
    </message>
    <message>
        <source>按时</source>
        <translation>On time</translation>
    </message>
    <message>
        <source>按时率</source>
        <translation>On-time rate</translation>
    </message>
    <message>
        <source>按等级事件数</source>
        <translation>Incidents by grade</translation>
    </message>
    <message>
        <source>按类型事件数（前 8 类）</source>
        <translation>Incidents by type (top 8)</translation>
    </message>
    <message>
        <source>接听人</source>
        <translation>Answered by</translation>
    </message>
    <message>
        <source>接报时间</source>
        <translation>Received at</translation>
    </message>
    <message>
        <source>接收人</source>
        <translation>Received by</translation>
    </message>
    <message>
        <source>接收单位</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>接收单位或说明</source>
        <translation>Recipient or note</translation>
    </message>
    <message>
        <source>接收方</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>接收方式</source>
        <translation>Received by</translation>
    </message>
    <message>
        <source>接班人</source>
        <translation>Incoming officer</translation>
    </message>
    <message>
        <source>控制演练进程</source>
        <translation>control the drill</translation>
    </message>
    <message>
        <source>推荐理由</source>
        <translation>Why recommended</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>插入</source>
        <translation>Inject</translation>
    </message>
    <message>
        <source>撤回原因</source>
        <translation>Reason for withdrawal</translation>
    </message>
    <message>
        <source>撤回调拨</source>
        <translation>Withdraw transfer</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>操作人</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>政务专网（信息系统）</source>
        <translation>Government network (information system)</translation>
    </message>
    <message>
        <source>政府及办事机构</source>
        <translation>Government and its offices</translation>
    </message>
    <message>
        <source>救援队伍</source>
        <translation>Rescue teams</translation>
    </message>
    <message>
        <source>救援队伍（待命 / 总数）</source>
        <translation>Rescue teams (standby / total)</translation>
    </message>
    <message>
        <source>数量</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>文号前缀</source>
        <translation>Document number prefix</translation>
    </message>
    <message>
        <source>文物古建筑</source>
        <translation>Heritage building</translation>
    </message>
    <message>
        <source>新任务</source>
        <translation>New task</translation>
    </message>
    <message>
        <source>新的责任单位或工作组</source>
        <translation>New responsible unit or group</translation>
    </message>
    <message>
        <source>新级别</source>
        <translation>New level</translation>
    </message>
    <message>
        <source>方式</source>
        <translation>Channel</translation>
    </message>
    <message>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <source>无情况</source>
        <translation>nothing to report</translation>
    </message>
    <message>
        <source>日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>日期格式应为 2027-01-01。</source>
        <translation>Dates are written like 2027-01-01.</translation>
    </message>
    <message>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>时限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>时限提前提醒（分钟）</source>
        <translation>Early reminder (minutes)</translation>
    </message>
    <message>
        <source>星期</source>
        <translation>Weekday</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>暂不定级</source>
        <translation>Not graded yet</translation>
    </message>
    <message>
        <source>暴雨内涝</source>
        <translation>Rainstorm and urban flooding</translation>
    </message>
    <message>
        <source>更正内容</source>
        <translation>Correction</translation>
    </message>
    <message>
        <source>最紧迫时限</source>
        <translation>Most urgent deadline</translation>
    </message>
    <message>
        <source>有保质期</source>
        <translation>Perishable</translation>
    </message>
    <message>
        <source>有情况</source>
        <translation>something to report</translation>
    </message>
    <message>
        <source>有毒气体报警点数</source>
        <translation>Toxic gas alarm points</translation>
    </message>
    <message>
        <source>期初</source>
        <translation>Opening balance</translation>
    </message>
    <message>
        <source>未估算</source>
        <translation>Not estimated</translation>
    </message>
    <message>
        <source>未处理的异常
%s</source>
        <translation>Unhandled error
%s</translation>
    </message>
    <message>
        <source>未完成</source>
        <translation>Not done</translation>
    </message>
    <message>
        <source>未定</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>未定级</source>
        <translation>Not graded</translation>
    </message>
    <message>
        <source>未报</source>
        <translation>awaited</translation>
    </message>
    <message>
        <source>未报送报告</source>
        <translation>Reports not sent</translation>
    </message>
    <message>
        <source>未转发</source>
        <translation>Not forwarded</translation>
    </message>
    <message>
        <source>未达到启动条件</source>
        <translation>Below the response threshold</translation>
    </message>
    <message>
        <source>本事件安置</source>
        <translation>Sheltered for this incident</translation>
    </message>
    <message>
        <source>本人 PIN</source>
        <translation>Own PIN</translation>
    </message>
    <message>
        <source>本县（区）级储备库</source>
        <translation>County reserve depot</translation>
    </message>
    <message>
        <source>本地乡镇（街道）储备点</source>
        <translation>Local township reserve point</translation>
    </message>
    <message>
        <source>本次出库</source>
        <translation>Issue now</translation>
    </message>
    <message>
        <source>村（社区）</source>
        <translation>Village (community)</translation>
    </message>
    <message>
        <source>村（社区）预案</source>
        <translation>Village (community) plans</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>来源（供应商、捐赠单位等）</source>
        <translation>Source (supplier, donor…)</translation>
    </message>
    <message>
        <source>来电</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>来电人</source>
        <translation>Caller</translation>
    </message>
    <message>
        <source>来电单位</source>
        <translation>Caller's unit</translation>
    </message>
    <message>
        <source>查看演练插入事件</source>
        <translation>see drill injects</translation>
    </message>
    <message>
        <source>标注</source>
        <translation>Marks</translation>
    </message>
    <message>
        <source>标注节假日 / 敏感时段</source>
        <translation>Mark holiday / sensitive period</translation>
    </message>
    <message>
        <source>核电厂周边</source>
        <translation>Around a nuclear plant</translation>
    </message>
    <message>
        <source>森林火灾</source>
        <translation>Forest fire</translation>
    </message>
    <message>
        <source>森林防火重点区域</source>
        <translation>Key forest fire zone</translation>
    </message>
    <message>
        <source>橙色</source>
        <translation>Orange</translation>
    </message>
    <message>
        <source>次序</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>次日</source>
        <translation>next day </translation>
    </message>
    <message>
        <source>死亡</source>
        <translation>Dead</translation>
    </message>
    <message>
        <source>民兵</source>
        <translation>Militia</translation>
    </message>
    <message>
        <source>水上交通事故</source>
        <translation>Waterway accident</translation>
    </message>
    <message>
        <source>水位（米）</source>
        <translation>Water level (m)</translation>
    </message>
    <message>
        <source>水库</source>
        <translation>Reservoir</translation>
    </message>
    <message>
        <source>洪涝灾害</source>
        <translation>Flood</translation>
    </message>
    <message>
        <source>渣土受纳场</source>
        <translation>Spoil dump</translation>
    </message>
    <message>
        <source>港口</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>演练导调员</source>
        <translation>Drill controller</translation>
    </message>
    <message>
        <source>演练评估</source>
        <translation>Drill evaluation</translation>
    </message>
    <message>
        <source>火灾事故</source>
        <translation>Fire</translation>
    </message>
    <message>
        <source>火线距重要目标（米）</source>
        <translation>Fire line to key target (m)</translation>
    </message>
    <message>
        <source>灾害</source>
        <translation>Disaster</translation>
    </message>
    <message>
        <source>灾害信息员</source>
        <translation>Disaster information officer</translation>
    </message>
    <message>
        <source>烟花爆竹储存场所</source>
        <translation>Fireworks store</translation>
    </message>
    <message>
        <source>热度</source>
        <translation>Heat</translation>
    </message>
    <message>
        <source>燃气管网和厂站</source>
        <translation>Gas network and stations</translation>
    </message>
    <message>
        <source>爆炸事故</source>
        <translation>Explosion</translation>
    </message>
    <message>
        <source>物流仓储</source>
        <translation>Logistics warehouse</translation>
    </message>
    <message>
        <source>物资</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>物资仓库</source>
        <translation>Warehouses</translation>
    </message>
    <message>
        <source>物资仓库 / 库存行</source>
        <translation>Depots / stock lines</translation>
    </message>
    <message>
        <source>物资品目</source>
        <translation>item</translation>
    </message>
    <message>
        <source>物资目录</source>
        <translation>Item catalogue</translation>
    </message>
    <message>
        <source>牵头单位</source>
        <translation>Lead unit</translation>
    </message>
    <message>
        <source>特别重大</source>
        <translation>Grade I</translation>
    </message>
    <message>
        <source>特种设备事故</source>
        <translation>Special equipment accident</translation>
    </message>
    <message>
        <source>状况</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>State</translation>
    </message>
    <message>
        <source>班次时间</source>
        <translation>Shift times</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>生活救助</source>
        <translation>Living relief</translation>
    </message>
    <message>
        <source>用于事件</source>
        <translation>For incident</translation>
    </message>
    <message>
        <source>用户账户</source>
        <translation>User accounts</translation>
    </message>
    <message>
        <source>由“安置”操作维护</source>
        <translation>kept by the “Shelter people” action</translation>
    </message>
    <message>
        <source>电台/卫星电话</source>
        <translation>Radio / satellite phone</translation>
    </message>
    <message>
        <source>电台频道</source>
        <translation>Radio channel</translation>
    </message>
    <message>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>疏散区</source>
        <translation>Evacuation zone</translation>
    </message>
    <message>
        <source>疏散转移</source>
        <translation>Evacuated</translation>
    </message>
    <message>
        <source>病例数</source>
        <translation>Cases</translation>
    </message>
    <message>
        <source>登记人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>登记零报告</source>
        <translation>Check off a zero report</translation>
    </message>
    <message>
        <source>白班</source>
        <translation>Day shift</translation>
    </message>
    <message>
        <source>盘点</source>
        <translation>Stocktake</translation>
    </message>
    <message>
        <source>盘点…</source>
        <translation>Stocktake…</translation>
    </message>
    <message>
        <source>盘点说明（差异原因）</source>
        <translation>Stocktake note (reason for difference)</translation>
    </message>
    <message>
        <source>直接经济损失（万元）</source>
        <translation>Direct economic loss (10,000 yuan)</translation>
    </message>
    <message>
        <source>直接经济损失（元）</source>
        <translation>Direct economic loss (yuan)</translation>
    </message>
    <message>
        <source>省</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>短信</source>
        <translation>Text message</translation>
    </message>
    <message>
        <source>矿山事故</source>
        <translation>Mine accident</translation>
    </message>
    <message>
        <source>社会安全事件</source>
        <translation>Social security events</translation>
    </message>
    <message>
        <source>社会应急力量</source>
        <translation>Volunteer rescue group</translation>
    </message>
    <message>
        <source>社会组织</source>
        <translation>Social organisation</translation>
    </message>
    <message>
        <source>空余</source>
        <translation>Free</translation>
    </message>
    <message>
        <source>突发环境事件</source>
        <translation>Environmental emergency</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>管控区</source>
        <translation>Control zone</translation>
    </message>
    <message>
        <source>管理人</source>
        <translation>Keeper</translation>
    </message>
    <message>
        <source>管理用户账户</source>
        <translation>manage user accounts</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>粉尘涉爆企业</source>
        <translation>Combustible dust plant</translation>
    </message>
    <message>
        <source>系统管理员</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>紧急避难场所</source>
        <translation>Emergency shelter</translation>
    </message>
    <message>
        <source>红色</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>纬度</source>
        <translation>Latitude</translation>
    </message>
    <message>
        <source>终止依据</source>
        <translation>Grounds for ending</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>经度</source>
        <translation>Longitude</translation>
    </message>
    <message>
        <source>经过</source>
        <translation>Course</translation>
    </message>
    <message>
        <source>结存</source>
        <translation>Balance</translation>
    </message>
    <message>
        <source>结束日期</source>
        <translation>Last day</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>统计图</source>
        <translation>chart</translation>
    </message>
    <message>
        <source>统计月报</source>
        <translation>Monthly statistics</translation>
    </message>
    <message>
        <source>续报来电…</source>
        <translation>Follow-up call…</translation>
    </message>
    <message>
        <source>综合</source>
        <translation>General</translation>
    </message>
    <message>
        <source>综合交通枢纽</source>
        <translation>Transport hub</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>罐区</source>
        <translation>Tank farm</translation>
    </message>
    <message>
        <source>网格员</source>
        <translation>Grid worker</translation>
    </message>
    <message>
        <source>群体性事件</source>
        <translation>Mass incident</translation>
    </message>
    <message>
        <source>老旧小区</source>
        <translation>Old housing estate</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>职责</source>
        <translation>Duties</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>联络员</source>
        <translation>Liaison officer</translation>
    </message>
    <message>
        <source>自接报起（分钟）</source>
        <translation>From receipt (min)</translation>
    </message>
    <message>
        <source>自然灾害</source>
        <translation>Natural disasters</translation>
    </message>
    <message>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>落实情况</source>
        <translation>How it was carried out</translation>
    </message>
    <message>
        <source>落实时间</source>
        <translation>Carried out at</translation>
    </message>
    <message>
        <source>蓄滞洪区</source>
        <translation>Flood storage area</translation>
    </message>
    <message>
        <source>蓝色</source>
        <translation>Blue</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>被困</source>
        <translation>Trapped</translation>
    </message>
    <message>
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>规格型号</source>
        <translation>Specification</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>触发</source>
        <translation>Fired at</translation>
    </message>
    <message>
        <source>警戒区</source>
        <translation>Cordon</translation>
    </message>
    <message>
        <source>计时中</source>
        <translation>Running</translation>
    </message>
    <message>
        <source>计量单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>议事协调机构</source>
        <translation>Coordinating body</translation>
    </message>
    <message>
        <source>记录人</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>记录接报</source>
        <translation>record calls</translation>
    </message>
    <message>
        <source>记录舆情</source>
        <translation>Log a public-opinion item</translation>
    </message>
    <message>
        <source>记录领导批示</source>
        <translation>Record leader's instruction</translation>
    </message>
    <message>
        <source>设施</source>
        <translation>Facilities</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>请先在调派看板中选择一支队伍。</source>
        <translation>Choose a team on the dispatch board first.</translation>
    </message>
    <message>
        <source>请求事项</source>
        <translation>Requests</translation>
    </message>
    <message>
        <source>调入</source>
        <translation>Transfer in</translation>
    </message>
    <message>
        <source>调入仓库</source>
        <translation>To depot</translation>
    </message>
    <message>
        <source>调出</source>
        <translation>Transfer out</translation>
    </message>
    <message>
        <source>调出仓库</source>
        <translation>From depot</translation>
    </message>
    <message>
        <source>调拨</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>调拨…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <source>调拨事由</source>
        <translation>Reason for transfer</translation>
    </message>
    <message>
        <source>调拨单</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>调整依据</source>
        <translation>Grounds for change</translation>
    </message>
    <message>
        <source>调整等级…</source>
        <translation>Change grade…</translation>
    </message>
    <message>
        <source>调派单</source>
        <translation>Dispatch order</translation>
    </message>
    <message>
        <source>负责人</source>
        <translation>Person in charge</translation>
    </message>
    <message>
        <source>负责人 / 电话</source>
        <translation>Leader / phone</translation>
    </message>
    <message>
        <source>责任</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>责任单位</source>
        <translation>Responsible unit</translation>
    </message>
    <message>
        <source>账户</source>
        <translation>account</translation>
    </message>
    <message>
        <source>起因</source>
        <translation>Cause</translation>
    </message>
    <message>
        <source>起算</source>
        <translation>From</translation>
    </message>
    <message>
        <source>起草初报</source>
        <translation>Draft initial report</translation>
    </message>
    <message>
        <source>起草核报</source>
        <translation>Draft verified report</translation>
    </message>
    <message>
        <source>起草终报</source>
        <translation>Draft final report</translation>
    </message>
    <message>
        <source>起草续报</source>
        <translation>Draft follow-up report</translation>
    </message>
    <message>
        <source>超员理由</source>
        <translation>Reason for over capacity</translation>
    </message>
    <message>
        <source>超时</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>超时 00:00:00</source>
        <translation>Overdue 00:00:00</translation>
    </message>
    <message>
        <source>超时未报</source>
        <translation>Overdue, not reported</translation>
    </message>
    <message>
        <source>距离（千米）</source>
        <translation>Distance (km)</translation>
    </message>
    <message>
        <source>转发</source>
        <translation>Forward</translation>
    </message>
    <message>
        <source>转发对象</source>
        <translation>Forward to</translation>
    </message>
    <message>
        <source>转发时间</source>
        <translation>Forwarded at</translation>
    </message>
    <message>
        <source>转发时限</source>
        <translation>Forwarding deadline</translation>
    </message>
    <message>
        <source>转调原因</source>
        <translation>Reason for redirect</translation>
    </message>
    <message>
        <source>转调至事件</source>
        <translation>Redirect to incident</translation>
    </message>
    <message>
        <source>轻伤</source>
        <translation>Slightly injured</translation>
    </message>
    <message>
        <source>较上次报告的变化：</source>
        <translation>Changes since the last report: </translation>
    </message>
    <message>
        <source>较大</source>
        <translation>Grade III</translation>
    </message>
    <message>
        <source>较大及以上</source>
        <translation>Grade III and above</translation>
    </message>
    <message>
        <source>较大风险（橙）</source>
        <translation>Considerable risk (orange)</translation>
    </message>
    <message>
        <source>过火面积（公顷）</source>
        <translation>Burned area (ha)</translation>
    </message>
    <message>
        <source>返回中</source>
        <translation>Returning</translation>
    </message>
    <message>
        <source>迟</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>迟报</source>
        <translation>Late</translation>
    </message>
    <message>
        <source>选派</source>
        <translation>Pick</translation>
    </message>
    <message>
        <source>途中</source>
        <translation>En route</translation>
    </message>
    <message>
        <source>通信指挥</source>
        <translation>Communications and command</translation>
    </message>
    <message>
        <source>通话时间</source>
        <translation>Call time</translation>
    </message>
    <message>
        <source>逾期未报</source>
        <translation>late</translation>
    </message>
    <message>
        <source>道路交通事故</source>
        <translation>Road traffic accident</translation>
    </message>
    <message>
        <source>避难场所</source>
        <translation>Shelters</translation>
    </message>
    <message>
        <source>避难场所空余容量（人）</source>
        <translation>Free shelter capacity (people)</translation>
    </message>
    <message>
        <source>部门</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>部门预案</source>
        <translation>Department plans</translation>
    </message>
    <message>
        <source>重伤</source>
        <translation>Seriously injured</translation>
    </message>
    <message>
        <source>重大</source>
        <translation>Grade II</translation>
    </message>
    <message>
        <source>重大危险源</source>
        <translation>Major hazard installation</translation>
    </message>
    <message>
        <source>重大风险（红）</source>
        <translation>Major risk (red)</translation>
    </message>
    <message>
        <source>铝加工（深井铸造）企业</source>
        <translation>Aluminium plant (deep-well casting)</translation>
    </message>
    <message>
        <source>链接</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>长输油气管道</source>
        <translation>Long-distance oil/gas pipeline</translation>
    </message>
    <message>
        <source>闲置锁屏（分钟，0 为从不锁定）</source>
        <translation>Lock the seat when idle (minutes, 0 = never)</translation>
    </message>
    <message>
        <source>队伍</source>
        <translation>Teams</translation>
    </message>
    <message>
        <source>队伍在岗人数</source>
        <translation>Team members on duty</translation>
    </message>
    <message>
        <source>防汛物资</source>
        <translation>Flood control supplies</translation>
    </message>
    <message>
        <source>集结中</source>
        <translation>Assembling</translation>
    </message>
    <message>
        <source>零报告截止时间（本地做法）</source>
        <translation>Zero-report deadline (local practice)</translation>
    </message>
    <message>
        <source>需人工研判</source>
        <translation>Needs judgement</translation>
    </message>
    <message>
        <source>震级</source>
        <translation>Magnitude</translation>
    </message>
    <message>
        <source>非煤矿山</source>
        <translation>Non-coal mine</translation>
    </message>
    <message>
        <source>面积（㎡）</source>
        <translation>Area (m²)</translation>
    </message>
    <message>
        <source>须报零报告的单位（以、分隔；空则为全部乡镇街道）</source>
        <translation>Units that send zero reports (separated by 、; blank: every township)</translation>
    </message>
    <message>
        <source>预案</source>
        <translation>Plans</translation>
    </message>
    <message>
        <source>预案任务</source>
        <translation>Plan tasks</translation>
    </message>
    <message>
        <source>预案规定的终止条件：</source>
        <translation>The plan's conditions for ending: </translation>
    </message>
    <message>
        <source>预警</source>
        <translation>Alerts</translation>
    </message>
    <message>
        <source>预警颜色</source>
        <translation>Warning colour</translation>
    </message>
    <message>
        <source>预计到达</source>
        <translation>ETA</translation>
    </message>
    <message>
        <source>领导</source>
        <translation>Leader</translation>
    </message>
    <message>
        <source>领导指示</source>
        <translation>Leader's instruction</translation>
    </message>
    <message>
        <source>领用单位 / 人</source>
        <translation>Issued to</translation>
    </message>
    <message>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
    <message>
        <source>风力（级）</source>
        <translation>Wind force (Beaufort)</translation>
    </message>
    <message>
        <source>风暴潮</source>
        <translation>Storm surge</translation>
    </message>
    <message>
        <source>风险等级</source>
        <translation>Risk level</translation>
    </message>
    <message>
        <source>风险隐患点</source>
        <translation>Hazard sites</translation>
    </message>
    <message>
        <source>风险隐患点（重大 / 总数）</source>
        <translation>Hazard sites (major / total)</translation>
    </message>
    <message>
        <source>食物中毒</source>
        <translation>Food poisoning</translation>
    </message>
    <message>
        <source>饮用水中断（1 = 是）</source>
        <translation>Drinking water cut (1 = yes)</translation>
    </message>
    <message>
        <source>驻地</source>
        <translation>Base</translation>
    </message>
    <message>
        <source>驻地部队 / 武警</source>
        <translation>Local troops / armed police</translation>
    </message>
    <message>
        <source>高</source>
        <translation>high</translation>
    </message>
    <message>
        <source>高层建筑</source>
        <translation>High-rise building</translation>
    </message>
    <message>
        <source>高速公路易发事故路段</source>
        <translation>Accident-prone expressway section</translation>
    </message>
    <message>
        <source>黄色</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <source>（不关联事件）</source>
        <translation>(no incident)</translation>
    </message>
    <message>
        <source>（各单位均已报送）</source>
        <translation>(every unit has reported)</translation>
    </message>
    <message>
        <source>（已不适用）</source>
        <translation> (no longer applies)</translation>
    </message>
    <message>
        <source>（必办）</source>
        <translation> (required)</translation>
    </message>
    <message>
        <source>（未排班）</source>
        <translation>(nobody rostered)</translation>
    </message>
    <message>
        <source>（现行）</source>
        <translation> (current)</translation>
    </message>
    <message>
        <source>（约）</source>
        <translation> (approx.)</translation>
    </message>
    <message>
        <source>（超时）</source>
        <translation> (overdue)</translation>
    </message>
</context>
</TS>
