<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>AssignmentCanvas</name>
    <message>
        <source>No members: start consumers or add one to this group</source>
        <translation>멤버 없음: 컨슈머를 시작하거나 이 그룹에 추가하세요</translation>
    </message>
    <message>
        <source>lag %1</source>
        <translation>랙 %1</translation>
    </message>
</context>
<context>
    <name>AutoProducerList</name>
    <message>
        <source>No auto-producer yet.</source>
        <translation>아직 자동 프로듀서가 없습니다.</translation>
    </message>
    <message>
        <source>∞</source>
        <translation>∞</translation>
    </message>
    <message>
        <source>#%1 %2: running, sent %3 of %4 at %5 rec/s</source>
        <translation>#%1 %2: 실행 중, %4건 중 %3건 보냄, 초당 %5건</translation>
    </message>
    <message>
        <source>#%1 %2: finished, sent %3 of %4 (%5 rec/s)</source>
        <translation>#%1 %2: 끝남, %4건 중 %3건 보냄 (초당 %5건)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>This auto-producer has already stopped</source>
        <translation>이 자동 프로듀서는 이미 멈췄습니다</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>멈추는 중…</translation>
    </message>
    <message>
        <source>Stop auto-producer #%1 on %2</source>
        <translation>%2의 자동 프로듀서 #%1 멈추기</translation>
    </message>
    <message>
        <source>Stopping auto-producer #%1 failed: %2: %3</source>
        <translation>자동 프로듀서 #%1 멈추기 실패: %2: %3</translation>
    </message>
</context>
<context>
    <name>BatchTableModel</name>
    <message>
        <source>valid</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>INVALID</source>
        <translation>손상됨</translation>
    </message>
    <message>
        <source>12 bytes of log overhead + batchLength %1</source>
        <translation>로그 오버헤드 12바이트 + batchLength %1</translation>
    </message>
    <message>
        <source>Byte position of the batch in the .log file</source>
        <translation>.log 파일 안에서 배치의 바이트 위치</translation>
    </message>
    <message>
        <source>CRC-32C 0x%1 over attributes..end of the batch</source>
        <translation>배치의 attributes부터 끝까지에 대한 CRC-32C 0x%1</translation>
    </message>
    <message>
        <source>maxTimestamp %1 ms; baseTimestamp %2 ms</source>
        <translation>maxTimestamp %1 ms; baseTimestamp %2 ms</translation>
    </message>
    <message>
        <source>producerId %1, epoch %2, baseSequence %3, leader epoch %4</source>
        <translation>producerId %1, 에포크 %2, baseSequence %3, 리더 에포크 %4</translation>
    </message>
    <message>
        <source>Base offset</source>
        <translation>기준 오프셋</translation>
    </message>
    <message>
        <source>Last offset</source>
        <translation>마지막 오프셋</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>레코드</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>압축</translation>
    </message>
    <message>
        <source>CRC</source>
        <translation>CRC</translation>
    </message>
    <message>
        <source>Max timestamp</source>
        <translation>최대 타임스탬프</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Export PNG…</source>
        <translation>PNG 내보내기…</translation>
    </message>
    <message>
        <source>Save the chart as it is drawn now as a PNG image</source>
        <translation>지금 그려진 차트를 PNG 이미지로 저장</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>PNG 내보내기</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 이미지 (*.png)</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSV 내보내기</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>saved %1</source>
        <translation>저장됨: %1</translation>
    </message>
    <message>
        <source>could not write %1: %2</source>
        <translation>%1에 쓸 수 없음: %2</translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation>%1에 쓸 수 없음</translation>
    </message>
    <message>
        <source>Save the chart&apos;s data points as CSV (one row per time: ISO 8601 UTC time and seconds since the engine started)</source>
        <translation>차트의 데이터 포인트를 CSV로 저장합니다(시각마다 한 행: ISO 8601 UTC 시각과 엔진 시작 후 경과 초)</translation>
    </message>
    <message>
        <source>time (engine clock, hh:mm:ss, local time)</source>
        <translation>시간 (엔진 시계, hh:mm:ss, 현지 시각)</translation>
    </message>
</context>
<context>
    <name>ClusterMap</name>
    <message>
        <source>broker-%1</source>
        <translation>브로커-%1</translation>
    </message>
    <message>
        <source>leader</source>
        <translation>리더</translation>
    </message>
    <message>
        <source>follower (in ISR)</source>
        <translation>팔로워 (ISR 안)</translation>
    </message>
    <message>
        <source>follower (out of ISR)</source>
        <translation>팔로워 (ISR 밖)</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <source>in ISR</source>
        <translation>ISR 안</translation>
    </message>
    <message>
        <source>out of ISR</source>
        <translation>ISR 밖</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>중지됨(크래시)</translation>
    </message>
    <message>
        <source>isolated</source>
        <translation>격리됨</translation>
    </message>
    <message>
        <source>%1 is running</source>
        <translation>%1은(는) 실행 중입니다</translation>
    </message>
    <message>
        <source>Cut %1 off from the other brokers (a network partition): it keeps running but cannot replicate.</source>
        <translation>%1을(를) 다른 브로커에서 끊습니다(네트워크 분할): 계속 실행되지만 복제할 수 없습니다.</translation>
    </message>
    <message>
        <source>%1 is not isolated</source>
        <translation>%1은(는) 격리되어 있지 않습니다</translation>
    </message>
    <message>
        <source>Stop %1 at once (like kill -9). What reached its files stays.</source>
        <translation>%1을(를) 즉시 중지합니다(kill -9처럼). 파일에 기록된 내용은 그대로 남습니다.</translation>
    </message>
    <message>
        <source>%1 is running (isolated): use Heal to reconnect it</source>
        <translation>%1은(는) 실행 중입니다(격리됨): 복구를 눌러 다시 연결하세요</translation>
    </message>
    <message>
        <source>%1 is already isolated</source>
        <translation>%1은(는) 이미 격리되어 있습니다</translation>
    </message>
    <message>
        <source>Reconnect %1 to the other brokers: its followers truncate where they diverged and catch up.</source>
        <translation>%1을(를) 다른 브로커와 다시 연결합니다: 팔로워는 갈라진 지점에서 로그를 잘라 내고 따라잡습니다.</translation>
    </message>
    <message>
        <source>%1 is already down</source>
        <translation>%1은(는) 이미 중지되었습니다</translation>
    </message>
    <message>
        <source>Start %1 again: it recovers its logs from its own files, truncates where they diverge and catches up.</source>
        <translation>%1을(를) 다시 시작합니다: 자기 파일에서 로그를 복구하고, 갈라진 지점에서 잘라 낸 뒤 따라잡습니다.</translation>
    </message>
    <message>
        <source>%1 is down: restart it first</source>
        <translation>%1이(가) 중지되어 있습니다: 먼저 재시작하세요</translation>
    </message>
    <message>
        <source>Add a delay to every fetch %1&apos;s followers make. Longer than replica.lag.time.max.ms and they drop out of the ISR.</source>
        <translation>%1의 팔로워가 하는 모든 페치에 지연을 더합니다. replica.lag.time.max.ms보다 길면 ISR에서 빠집니다.</translation>
    </message>
    <message>
        <source>%1 has no replicas</source>
        <translation>%1에는 복제본이 없습니다</translation>
    </message>
    <message>
        <source>%1, the preferred replica, already leads %2</source>
        <translation>선호 복제본 %1이(가) 이미 %2의 리더입니다</translation>
    </message>
    <message>
        <source>The preferred replica %1 is down</source>
        <translation>선호 복제본 %1이(가) 중지되어 있습니다</translation>
    </message>
    <message>
        <source>The preferred replica %1 is isolated</source>
        <translation>선호 복제본 %1이(가) 격리되어 있습니다</translation>
    </message>
    <message>
        <source>The preferred replica %1 is not in the ISR %2: it must catch up first</source>
        <translation>선호 복제본 %1이(가) ISR %2에 없습니다: 먼저 따라잡아야 합니다</translation>
    </message>
    <message>
        <source>Make %1 (first in the assignment) the leader of %2 again; the leader epoch goes up by one.</source>
        <translation>%1(할당 순서의 첫 번째)을(를) 다시 %2의 리더로 만듭니다. 리더 에포크가 1 올라갑니다.</translation>
    </message>
    <message>
        <source>%1 is running: it serves its leaders and replicates as a follower</source>
        <translation>%1은(는) 실행 중입니다: 리더 파티션을 서비스하고 팔로워로서 복제합니다</translation>
    </message>
    <message>
        <source>%1 is down: its replicas are offline until it restarts</source>
        <translation>%1이(가) 중지되어 있습니다: 재시작할 때까지 복제본이 오프라인입니다</translation>
    </message>
    <message>
        <source>%1 is the controller: it keeps the cluster metadata and elects partition leaders (KRaft)</source>
        <translation>%1이(가) 컨트롤러입니다: 클러스터 메타데이터를 관리하고 파티션 리더를 선출합니다(KRaft)</translation>
    </message>
    <message>
        <source>In-sync replicas (ISR) of %1: %2. A follower leaves the ISR when it has not caught up for replica.lag.time.max.ms and rejoins once it has.</source>
        <translation>%1의 동기화 복제본(ISR): %2. 팔로워가 replica.lag.time.max.ms 동안 따라잡지 못하면 ISR에서 빠지고, 따라잡으면 다시 들어옵니다.</translation>
    </message>
    <message>
        <source>%1: leader %2, epoch %3, ISR %4, replicas %5, HW %6</source>
        <translation>%1: 리더 %2, 에포크 %3, ISR %4, 복제본 %5, 하이 워터마크 %6</translation>
    </message>
    <message>
        <source>%1: OFFLINE, no eligible leader (epoch %2, replicas %3)</source>
        <translation>%1: 오프라인, 리더가 될 수 있는 복제본 없음 (에포크 %2, 복제본 %3)</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%2의 %1</translation>
    </message>
    <message>
        <source>%1 leads %2: producers write here, followers fetch from here</source>
        <translation>%1이(가) %2의 리더입니다: 프로듀서는 여기에 쓰고 팔로워는 여기서 가져갑니다</translation>
    </message>
    <message>
        <source>%1 is a follower in the ISR: it has everything up to the high watermark and counts for acks=all</source>
        <translation>%1은(는) ISR 안의 팔로워입니다: 하이 워터마크까지 모두 가지고 있고 acks=all에 포함됩니다</translation>
    </message>
    <message>
        <source>%1 is a follower out of the ISR: it fell behind for longer than replica.lag.time.max.ms and cannot become leader in a clean election</source>
        <translation>%1은(는) ISR 밖의 팔로워입니다: replica.lag.time.max.ms보다 오래 뒤처져서 정상(clean) 선출로는 리더가 될 수 없습니다</translation>
    </message>
    <message>
        <source>%1 is offline: its broker is down</source>
        <translation>%1은(는) 오프라인입니다: 브로커가 중지되어 있습니다</translation>
    </message>
    <message>
        <source>★ preferred replica: first in the assignment, leader when all is well</source>
        <translation>★ 선호 복제본: 할당 순서의 첫 번째, 모두 정상일 때의 리더</translation>
    </message>
    <message>
        <source>LEO (log end offset) of %1: %2, the offset its next record will get.</source>
        <translation>%1의 LEO(로그 끝 오프셋): %2, 다음 레코드가 받을 오프셋입니다.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) behind the leader</source>
        <translation>
            <numerusform>리더보다 레코드 %n개 뒤처짐</numerusform>
        </translation>
    </message>
    <message>
        <source>HW (high watermark) of %1: %2. Records below it are on every in-sync replica and visible to consumers; the leader moves it to the smallest LEO in the ISR.</source>
        <translation>%1의 하이 워터마크(HW): %2. 그 아래의 레코드는 모든 동기화 복제본에 있고 컨슈머가 읽을 수 있습니다. 리더는 이를 ISR의 가장 작은 LEO로 옮깁니다.</translation>
    </message>
    <message>
        <source>Leader epoch of %1: %2. The controller bumps it on every new leader; a returning replica uses it to find where its log diverged and truncates there.</source>
        <translation>%1의 리더 에포크: %2. 컨트롤러는 새 리더마다 이를 올립니다. 돌아온 복제본은 이것으로 로그가 갈라진 지점을 찾아 거기서 잘라 냅니다.</translation>
    </message>
    <message>
        <source>replica.lag.time.max.ms: 30000 ms (Kafka&apos;s default)</source>
        <translation>replica.lag.time.max.ms: 30000 ms(Kafka 기본값)</translation>
    </message>
    <message>
        <source>replica.lag.time.max.ms: %1 ms here; Kafka&apos;s default: 30000 ms (Kafka Lab uses a shorter time so an ISR shrink shows within seconds)</source>
        <translation>replica.lag.time.max.ms: 여기서는 %1 ms, Kafka 기본값은 30000 ms(Kafka Lab은 ISR 축소가 몇 초 안에 보이도록 더 짧게 씁니다)</translation>
    </message>
    <message>
        <source>Stop %1 at once (like kill -9). Once the controller fences it (broker.session.timeout.ms) its leaderships move to other in-sync replicas; what reached its files stays.</source>
        <translation>%1을(를) 즉시 중지합니다(kill -9처럼). 컨트롤러가 펜싱하면(broker.session.timeout.ms) 리더 자리가 다른 동기화 복제본으로 옮겨 가고, 파일에 기록된 것은 남습니다.</translation>
    </message>
    <message>
        <source>%1 — fenced in %2 s</source>
        <translation>%1 — %2초 후 펜싱</translation>
    </message>
    <message>
        <source>%1 — fenced</source>
        <translation>%1 — 펜싱됨</translation>
    </message>
    <message>
        <source>%1 runs but cannot reach the other brokers: once the controller fences it, its followers leave the ISR and its leaderships move</source>
        <translation>%1은(는) 실행 중이지만 다른 브로커에 닿지 못합니다. 컨트롤러가 펜싱하면 팔로워는 ISR에서 빠지고 리더 자리는 옮겨 갑니다</translation>
    </message>
    <message>
        <source>The controller has not fenced it yet: it waits broker.session.timeout.ms (%1 ms, Kafka&apos;s default 9000 ms) after the last heartbeat. Until then its leaderships and ISR places stay (its partitions are unavailable).</source>
        <translation>컨트롤러가 아직 펜싱하지 않았습니다. 마지막 하트비트 뒤 broker.session.timeout.ms(%1 ms, Kafka 기본값 9000 ms)만큼 기다립니다. 그때까지 리더 자리와 ISR 자리는 그대로입니다(그 파티션들은 사용할 수 없음).</translation>
    </message>
    <message>
        <source>Fenced by the controller after broker.session.timeout.ms (%1 ms) without a heartbeat: it leads nothing and has left the ISRs.</source>
        <translation>하트비트 없이 broker.session.timeout.ms(%1 ms)가 지나 컨트롤러가 펜싱했습니다. 어떤 파티션도 이끌지 않고 ISR에서도 빠졌습니다.</translation>
    </message>
    <message>
        <source>⚠ recovery found offsets %1..%2 of this replica damaged (%3): they are kept on disk but not served; the replica stays out of the ISR until it has fetched them again from a healthy leader</source>
        <translation>⚠ 복구 중 이 레플리카의 오프셋 %1..%2가 손상된 것으로 확인됨 (%3): 디스크에는 그대로 두지만 읽기에는 내주지 않으며, 정상 리더에게서 다시 가져올 때까지 이 레플리카는 ISR에 들어가지 못함</translation>
    </message>
    <message>
        <source>HW (high watermark) of %1 as this offline replica last knew it: %2 (the partition&apos;s is %3 now). Records below the high watermark are on every in-sync replica and visible to consumers.</source>
        <translation>이 오프라인 복제본이 마지막으로 알던 %1의 하이 워터마크(HW): %2 (지금 파티션의 HW는 %3). 하이 워터마크 아래의 레코드는 모든 동기화 복제본에 있고 컨슈머가 읽을 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>ClusterView</name>
    <message>
        <source>Topic</source>
        <translation>토픽</translation>
    </message>
    <message>
        <source>Show the replicas of one topic, or of all topics</source>
        <translation>한 토픽 또는 모든 토픽의 복제본을 보여 줍니다</translation>
    </message>
    <message>
        <source>all topics</source>
        <translation>모든 토픽</translation>
    </message>
    <message>
        <source>leader</source>
        <translation>리더</translation>
    </message>
    <message>
        <source>follower in ISR</source>
        <translation>ISR 안 팔로워</translation>
    </message>
    <message>
        <source>follower out of ISR</source>
        <translation>ISR 밖 팔로워</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>오프라인</translation>
    </message>
    <message>
        <source>★ preferred</source>
        <translation>★ 선호 복제본</translation>
    </message>
    <message>
        <source>LEO = log end offset of the replica; HW = high watermark of the partition (consumers read below it); epoch = leader epoch.
ISR = in-sync replicas: the followers that are caught up.</source>
        <translation>LEO = 복제본의 로그 끝 오프셋, HW = 파티션의 하이 워터마크(컨슈머는 그 아래까지 읽음), 에포크 = 리더 에포크.
ISR = 동기화 복제본: 따라잡은 팔로워들.</translation>
    </message>
    <message>
        <source>Elect preferred leader</source>
        <translation>선호 리더 선출</translation>
    </message>
    <message>
        <source>Show in Topic view</source>
        <translation>토픽 보기에서 보기</translation>
    </message>
    <message>
        <source>★ controller</source>
        <translation>★ 컨트롤러</translation>
    </message>
    <message>
        <source>Crash</source>
        <translation>중지(크래시)</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>재시작</translation>
    </message>
    <message>
        <source>Isolate</source>
        <translation>격리</translation>
    </message>
    <message>
        <source>Slow follower</source>
        <translation>팔로워 느리게</translation>
    </message>
    <message>
        <source>normal speed (no delay)</source>
        <translation>정상 속도 (지연 없음)</translation>
    </message>
    <message>
        <source>+%1 per fetch</source>
        <translation>페치마다 +%1</translation>
    </message>
    <message numerus="yes">
        <source>leads %n partition(s)</source>
        <translation>
            <numerusform>파티션 %n개의 리더</numerusform>
        </translation>
    </message>
    <message>
        <source>slowed: +%1 per fetch</source>
        <translation>느려짐: 페치마다 +%1</translation>
    </message>
    <message>
        <source>Each fetch this broker&apos;s followers make waits %1 longer</source>
        <translation>이 브로커의 팔로워는 페치마다 %1 더 기다립니다</translation>
    </message>
    <message>
        <source>How many partitions this broker currently leads</source>
        <translation>이 브로커가 지금 리더인 파티션 수</translation>
    </message>
    <message>
        <source>Heal</source>
        <translation>복구</translation>
    </message>
    <message>
        <source>Click a replica tile to select its partition.</source>
        <translation>복제본 타일을 클릭하면 그 파티션을 선택합니다.</translation>
    </message>
    <message>
        <source>Select a partition first (click one of its tiles)</source>
        <translation>먼저 파티션을 선택하세요 (타일을 클릭)</translation>
    </message>
    <message>
        <source>Show %1-%2&apos;s log in the Topic tab</source>
        <translation>토픽 탭에서 %1-%2의 로그를 보여 줍니다</translation>
    </message>
    <message>
        <source>%1 crashed</source>
        <translation>%1 중지됨</translation>
    </message>
    <message>
        <source>%1 restarted</source>
        <translation>%1 재시작됨</translation>
    </message>
    <message>
        <source>%1 isolated from the other brokers</source>
        <translation>%1이(가) 다른 브로커에서 격리됨</translation>
    </message>
    <message>
        <source>%1 reconnected</source>
        <translation>%1 다시 연결됨</translation>
    </message>
    <message>
        <source>%1: follower fetch delay changed</source>
        <translation>%1: 팔로워 페치 지연 변경됨</translation>
    </message>
    <message>
        <source>%1: preferred leader election done</source>
        <translation>%1: 선호 리더 선출 완료</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: 완료</translation>
    </message>
    <message>
        <source>%1 refused: %2 (%3)
%4</source>
        <translation>%1 거부됨: %2 (%3)
%4</translation>
    </message>
    <message>
        <source>Show internal topics</source>
        <translation>내부 토픽 보기</translation>
    </message>
    <message>
        <source>Kafka&apos;s own topics, such as __consumer_offsets where the group coordinators keep committed offsets (50 partitions)</source>
        <translation>Kafka 자체 토픽입니다. 예: 그룹 코디네이터가 커밋된 오프셋을 보관하는 __consumer_offsets(파티션 50개)</translation>
    </message>
    <message numerus="yes">
        <source>still leader of %n partition(s), unreachable</source>
        <translation>
            <numerusform>아직 파티션 %n개의 리더로 남아 있지만 연결할 수 없음</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The metadata still names this broker leader of %n partition(s): until the controller fences it (broker.session.timeout.ms) and elects new leaders, producers and consumers of those partitions cannot reach a leader</source>
        <translation>
            <numerusform>메타데이터에는 아직 이 브로커가 파티션 %n개의 리더로 적혀 있습니다. 컨트롤러가 이 브로커를 펜싱하고(broker.session.timeout.ms) 새 리더를 뽑을 때까지, 그 파티션의 프로듀서와 컨슈머는 리더에 닿을 수 없습니다</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EngineTime</name>
    <message>
        <source>t+%1 s</source>
        <translation>t+%1초</translation>
    </message>
</context>
<context>
    <name>EventsPanel</name>
    <message>
        <source>Time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>Engine clock time of the event</source>
        <translation>이벤트가 일어난 엔진 시계 시각</translation>
    </message>
    <message>
        <source>Broker started</source>
        <translation>브로커 시작</translation>
    </message>
    <message>
        <source>Topic created</source>
        <translation>토픽 생성</translation>
    </message>
    <message>
        <source>Topic deleted</source>
        <translation>토픽 삭제</translation>
    </message>
    <message>
        <source>Partitions added</source>
        <translation>파티션 추가</translation>
    </message>
    <message>
        <source>Segment rolled</source>
        <translation>세그먼트 롤</translation>
    </message>
    <message>
        <source>Segment deleted</source>
        <translation>세그먼트 삭제</translation>
    </message>
    <message>
        <source>Log recovered</source>
        <translation>로그 복구</translation>
    </message>
    <message>
        <source>Produce refused</source>
        <translation>프로듀스 거부</translation>
    </message>
    <message>
        <source>Auto-producer started</source>
        <translation>자동 프로듀서 시작</translation>
    </message>
    <message>
        <source>Auto-producer finished</source>
        <translation>자동 프로듀서 종료</translation>
    </message>
    <message>
        <source>broker-%1</source>
        <translation>브로커-%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>무슨 일</translation>
    </message>
    <message>
        <source>Select an event to highlight what changed</source>
        <translation>이벤트를 선택하면 바뀐 곳을 강조합니다</translation>
    </message>
    <message>
        <source>Important events</source>
        <translation>중요 이벤트</translation>
    </message>
    <message>
        <source>Replication and faults</source>
        <translation>복제와 장애</translation>
    </message>
    <message>
        <source>All events</source>
        <translation>모든 이벤트</translation>
    </message>
    <message>
        <source>Important events hide the chatty ones: each acknowledged produce and each high-watermark step</source>
        <translation>중요 이벤트는 잦은 이벤트(프로듀스 확인 하나하나, 하이 워터마크 이동 하나하나)를 숨깁니다</translation>
    </message>
    <message>
        <source>Broker down</source>
        <translation>브로커 중지</translation>
    </message>
    <message>
        <source>Broker up</source>
        <translation>브로커 재시작</translation>
    </message>
    <message>
        <source>Broker isolated</source>
        <translation>브로커 격리</translation>
    </message>
    <message>
        <source>Broker reconnected</source>
        <translation>브로커 재연결</translation>
    </message>
    <message>
        <source>Follower slowed</source>
        <translation>팔로워 느려짐</translation>
    </message>
    <message>
        <source>Leader elected</source>
        <translation>리더 선출</translation>
    </message>
    <message>
        <source>ISR shrank</source>
        <translation>ISR 축소</translation>
    </message>
    <message>
        <source>ISR expanded</source>
        <translation>ISR 확장</translation>
    </message>
    <message>
        <source>High watermark advanced</source>
        <translation>하이 워터마크 전진</translation>
    </message>
    <message>
        <source>Replica truncated</source>
        <translation>복제본 잘라 냄</translation>
    </message>
    <message>
        <source>Records lost</source>
        <translation>레코드 유실</translation>
    </message>
    <message>
        <source>Produce acknowledged</source>
        <translation>프로듀스 확인</translation>
    </message>
    <message>
        <source>%1 → %2, leader epoch %3</source>
        <translation>%1 → %2, 리더 에포크 %3</translation>
    </message>
    <message>
        <source>ISR %1 → %2</source>
        <translation>ISR %1 → %2</translation>
    </message>
    <message>
        <source>%1 cut its log at offset %2 (its LEO was %3): it diverged from the leader</source>
        <translation>%1이(가) 로그를 오프셋 %2에서 잘라 냄 (LEO는 %3이었음): 리더와 갈라졌기 때문</translation>
    </message>
    <message numerus="yes">
        <source>%n acknowledged record(s) lost: offsets %1 to %2</source>
        <translation>
            <numerusform>확인된 레코드 %n개 유실: 오프셋 %1 ~ %2</numerusform>
        </translation>
    </message>
    <message>
        <source>offsets %1 to %2 acknowledged</source>
        <translation>오프셋 %1 ~ %2 확인됨</translation>
    </message>
    <message>
        <source>high watermark now %1</source>
        <translation>하이 워터마크가 이제 %1</translation>
    </message>
    <message>
        <source>%1 stopped at once; what reached its files stays</source>
        <translation>%1이(가) 즉시 중지됨. 파일에 기록된 내용은 남아 있음</translation>
    </message>
    <message>
        <source>%1 recovered from its own files and rejoined</source>
        <translation>%1이(가) 자기 파일에서 복구하고 다시 참여함</translation>
    </message>
    <message>
        <source>%1 cut off from the other brokers</source>
        <translation>%1이(가) 다른 브로커와 끊김</translation>
    </message>
    <message>
        <source>%1 can reach the other brokers again</source>
        <translation>%1이(가) 다시 다른 브로커에 닿음</translation>
    </message>
    <message>
        <source>Member joined</source>
        <translation>멤버 참가</translation>
    </message>
    <message>
        <source>Member left</source>
        <translation>멤버 떠남</translation>
    </message>
    <message>
        <source>Member timed out</source>
        <translation>멤버 세션 만료</translation>
    </message>
    <message>
        <source>Rebalance started</source>
        <translation>리밸런스 시작</translation>
    </message>
    <message>
        <source>Rebalance completed</source>
        <translation>리밸런스 완료</translation>
    </message>
    <message>
        <source>Offsets committed</source>
        <translation>오프셋 커밋</translation>
    </message>
    <message>
        <source>Consumer crashed</source>
        <translation>컨슈머 죽음</translation>
    </message>
    <message>
        <source>Consumer stalled</source>
        <translation>컨슈머 멈춤</translation>
    </message>
    <message>
        <source>Consumer resumed</source>
        <translation>컨슈머 재개</translation>
    </message>
    <message>
        <source>Coordinator moved</source>
        <translation>코디네이터 이동</translation>
    </message>
    <message>
        <source>Lag sampled</source>
        <translation>랙 측정</translation>
    </message>
    <message>
        <source>Ordering finding</source>
        <translation>순서 검사 결과</translation>
    </message>
    <message>
        <source>group %1: total lag %2 (%3)</source>
        <translation>그룹 %1: 전체 랙 %2 (%3)</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>그룹 %1</translation>
    </message>
    <message>
        <source>%1 was behind the leader&apos;s log start: it emptied its log and restarts at offset %2 (its LEO was %3)</source>
        <translation>%1이(가) 리더의 로그 시작 오프셋보다 뒤처져 있었습니다: 로그를 비우고 오프셋 %2부터 다시 시작합니다 (이전 LEO %3)</translation>
    </message>
    <message>
        <source>Select an event to see what changed; Esc clears the selection.</source>
        <translation>이벤트를 선택하면 무엇이 바뀌었는지 보여 줍니다. Esc로 선택을 해제합니다.</translation>
    </message>
    <message>
        <source>Engine log: %1</source>
        <translation>엔진 로그: %1</translation>
    </message>
    <message>
        <source> (on %1)</source>
        <translation> (%1에서)</translation>
    </message>
    <message numerus="yes">
        <source>%n times, the last at %1: </source>
        <translation>
            <numerusform>%n회, 마지막 %1: </numerusform>
        </translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1바이트</translation>
    </message>
    <message>
        <source>a member</source>
        <translation>어떤 멤버</translation>
    </message>
    <message>
        <source>%1 crashed</source>
        <translation>%1 중지됨(크래시)</translation>
    </message>
    <message>
        <source>%1 restarted</source>
        <translation>%1 재시작됨</translation>
    </message>
    <message>
        <source>%1 was isolated</source>
        <translation>%1 격리됨</translation>
    </message>
    <message>
        <source>%1 reconnected</source>
        <translation>%1 다시 연결됨</translation>
    </message>
    <message>
        <source>preferred leader election</source>
        <translation>선호 리더 선출</translation>
    </message>
    <message>
        <source>new partition</source>
        <translation>새 파티션</translation>
    </message>
    <message>
        <source>%1 caught up to the high watermark</source>
        <translation>%1이(가) 하이 워터마크까지 따라잡음</translation>
    </message>
    <message>
        <source>%1 did not catch up within replica.lag.time.max.ms %2</source>
        <translation>%1이(가) replica.lag.time.max.ms %2 안에 따라잡지 못함</translation>
    </message>
    <message>
        <source>followers did not catch up within replica.lag.time.max.ms %1</source>
        <translation>팔로워가 replica.lag.time.max.ms %1 안에 따라잡지 못함</translation>
    </message>
    <message>
        <source>first live in-sync replica in assignment order</source>
        <translation>할당 순서에서 살아 있는 첫 동기화 복제본</translation>
    </message>
    <message>
        <source>UNCLEAN: no in-sync replica is alive and unclean.leader.election.enable=true</source>
        <translation>UNCLEAN: 살아 있는 동기화 복제본이 없고 unclean.leader.election.enable=true</translation>
    </message>
    <message>
        <source>no eligible replica: the partition is offline</source>
        <translation>리더가 될 수 있는 복제본 없음: 파티션이 오프라인</translation>
    </message>
    <message>
        <source>the preferred replica leads again</source>
        <translation>선호 복제본이 다시 리더가 됨</translation>
    </message>
    <message>
        <source>segment.bytes %1 reached</source>
        <translation>segment.bytes %1에 도달</translation>
    </message>
    <message>
        <source>segment.ms %1 elapsed</source>
        <translation>segment.ms %1 경과</translation>
    </message>
    <message>
        <source>its index is full (segment.index.bytes %1)</source>
        <translation>인덱스가 가득 참 (segment.index.bytes %1)</translation>
    </message>
    <message>
        <source>offsets would overflow the segment&apos;s 32-bit relative offsets</source>
        <translation>오프셋이 세그먼트의 32비트 상대 오프셋 범위를 넘게 됨</translation>
    </message>
    <message>
        <source>every segment is older than retention.ms %1, so the active one rolls to be deleted</source>
        <translation>모든 세그먼트가 retention.ms %1보다 오래되어, 활성 세그먼트도 삭제될 수 있도록 롤함</translation>
    </message>
    <message>
        <source>new segment at offset %1 (the previous began at %2): %3</source>
        <translation>오프셋 %1에서 새 세그먼트 시작 (이전 세그먼트는 %2부터): %3</translation>
    </message>
    <message>
        <source>its newest record is older than retention.ms %1</source>
        <translation>가장 새 레코드가 retention.ms %1보다 오래됨</translation>
    </message>
    <message>
        <source>the log is larger than retention.bytes %1</source>
        <translation>로그가 retention.bytes %1보다 큼</translation>
    </message>
    <message>
        <source>recovery: it followed segment %1, whose tail was cut</source>
        <translation>복구: 끝부분이 잘린 세그먼트 %1 뒤에 있었음</translation>
    </message>
    <message>
        <source>segment %1 deleted: %2</source>
        <translation>세그먼트 %1 삭제: %2</translation>
    </message>
    <message>
        <source>segment %1: a torn or corrupt tail was cut (%2 removed, %3 kept)</source>
        <translation>세그먼트 %1: 찢어지거나 손상된 끝부분을 잘라 냄 (%2 제거, %3 유지)</translation>
    </message>
    <message numerus="yes">
        <source>segment %1: its index was rebuilt from the log (%n entries)</source>
        <translation>
            <numerusform>세그먼트 %1: 로그에서 인덱스를 다시 만듦 (항목 %n개)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 joined the group</source>
        <translation>%1이(가) 그룹에 참가함</translation>
    </message>
    <message>
        <source>%1 left the group (LeaveGroup)</source>
        <translation>%1이(가) 그룹을 떠남 (LeaveGroup)</translation>
    </message>
    <message>
        <source>%1 removed: no SyncGroup within %2</source>
        <translation>%1 제거됨: %2 안에 SyncGroup 없음</translation>
    </message>
    <message>
        <source>%1 restarted: its old member id gives way to a new one (static membership)</source>
        <translation>%1 재시작: 예전 멤버 ID가 새 ID로 바뀜 (정적 멤버십)</translation>
    </message>
    <message>
        <source>%1 removed: no heartbeat within session.timeout.ms %2</source>
        <translation>%1 제거됨: session.timeout.ms %2 안에 하트비트 없음</translation>
    </message>
    <message>
        <source>%1 removed: its first join did not complete within %2</source>
        <translation>%1 제거됨: 첫 참가가 %2 안에 끝나지 않음</translation>
    </message>
    <message>
        <source>%1 removed: it did not rejoin within the rebalance timeout %2</source>
        <translation>%1 제거됨: 리밸런스 타임아웃 %2 안에 다시 참가하지 않음</translation>
    </message>
    <message>
        <source>rebalance: %1</source>
        <translation>리밸런스: %1</translation>
    </message>
    <message>
        <source>generation %1: no members left, the group is Empty</source>
        <translation>세대 %1: 남은 멤버가 없어 그룹이 비었음 (Empty)</translation>
    </message>
    <message numerus="yes">
        <source>generation %1 (%2): %n partition(s) assigned to %3 member(s)</source>
        <translation>
            <numerusform>세대 %1 (%2): 파티션 %n개를 멤버 %3명에게 할당</numerusform>
        </translation>
    </message>
    <message>
        <source>before giving up revoked partitions (cooperative)</source>
        <translation>회수된 파티션을 내주기 전에 (협력적)</translation>
    </message>
    <message>
        <source>before an eager rebalance revokes everything</source>
        <translation>eager 리밸런스가 모두 회수하기 전에</translation>
    </message>
    <message>
        <source>while closing</source>
        <translation>종료하면서</translation>
    </message>
    <message numerus="yes">
        <source>%1 committed %n partition(s) %2</source>
        <translation>
            <numerusform>%1이(가) 파티션 %n개를 커밋함 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 crashed without leaving; the coordinator notices after session.timeout.ms %2</source>
        <translation>%1이(가) 떠나지 않고 죽음. 코디네이터는 session.timeout.ms %2 뒤에 알아챔</translation>
    </message>
    <message>
        <source>%1 stopped polling; its heartbeats go on, and after max.poll.interval.ms %2 it leaves the group</source>
        <translation>%1이(가) 폴링을 멈춤. 하트비트는 계속되고, max.poll.interval.ms %2 뒤에 그룹을 떠남</translation>
    </message>
    <message>
        <source>%1 polls again</source>
        <translation>%1이(가) 다시 폴링함</translation>
    </message>
    <message>
        <source>%1 polls again and rejoins the group</source>
        <translation>%1이(가) 다시 폴링하고 그룹에 다시 참가함</translation>
    </message>
    <message>
        <source>%1 restarted and rejoins with its group.instance.id</source>
        <translation>%1이(가) 재시작해 group.instance.id로 다시 참가함</translation>
    </message>
    <message>
        <source>%1 restarted and joins as a new member</source>
        <translation>%1이(가) 재시작해 새 멤버로 참가함</translation>
    </message>
    <message>
        <source>no coordinator: %1-%2 has no leader (COORDINATOR_NOT_AVAILABLE until one leads)</source>
        <translation>코디네이터 없음: %1-%2에 리더가 없음 (리더가 생길 때까지 COORDINATOR_NOT_AVAILABLE)</translation>
    </message>
    <message numerus="yes">
        <source>the coordinator moved from %1 to %2 with the leadership of %3-%4; it replayed %n record(s)</source>
        <translation>
            <numerusform>%3-%4의 리더 이동과 함께 코디네이터가 %1에서 %2로 옮겨 감. 레코드 %n개를 다시 읽음</numerusform>
        </translation>
    </message>
    <message>
        <source>first: key %1, sequence %2</source>
        <translation>첫 번째: 키 %1, 시퀀스 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n duplicate(s): records delivered again; %1</source>
        <translation>
            <numerusform>중복 %n건: 레코드가 다시 전달됨; %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n per-key order violation(s); %1</source>
        <translation>
            <numerusform>키별 순서 위반 %n건; %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n gap(s) in a key&apos;s sequence; %1</source>
        <translation>
            <numerusform>키 시퀀스의 빈틈 %n건; %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 joined</source>
        <translation>%1 참가</translation>
    </message>
    <message>
        <source>%1 rejoined</source>
        <translation>%1 다시 참가</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 떠남</translation>
    </message>
    <message>
        <source>%1&apos;s session timed out (%2)</source>
        <translation>%1의 세션 만료 (%2)</translation>
    </message>
    <message>
        <source>%1&apos;s join timed out (%2)</source>
        <translation>%1의 참가 시간 초과 (%2)</translation>
    </message>
    <message>
        <source>%1 did not rejoin in time (%2)</source>
        <translation>%1이(가) 제때 다시 참가하지 않음 (%2)</translation>
    </message>
    <message>
        <source>%1 did not sync in time (%2)</source>
        <translation>%1이(가) 제때 SyncGroup하지 않음 (%2)</translation>
    </message>
    <message>
        <source>static member %1 came back with new metadata</source>
        <translation>정적 멤버 %1이(가) 새 메타데이터로 돌아옴</translation>
    </message>
    <message>
        <source>static member %1 restarted</source>
        <translation>정적 멤버 %1 재시작</translation>
    </message>
    <message>
        <source>storing the assignment failed</source>
        <translation>할당 저장 실패</translation>
    </message>
    <message>
        <source>its log ends at %1</source>
        <translation>로그 끝은 %1</translation>
    </message>
    <message numerus="yes">
        <source>(the ISR has %n replica(s), min.insync.replicas is %1)</source>
        <translation>
            <numerusform>(ISR의 복제본 %n개, min.insync.replicas는 %1)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 opened its data directory: %n partition replica(s) recovered</source>
        <translation>
            <numerusform>%1이(가) 데이터 디렉터리를 열었음: 파티션 복제본 %n개 복구</numerusform>
        </translation>
    </message>
    <message>
        <source>; the controller is now %1</source>
        <translation>; 이제 컨트롤러는 %1</translation>
    </message>
    <message>
        <source>%1&apos;s followers wait %2 more before every fetch (normally every %3)</source>
        <translation>%1의 팔로워가 페치마다 %2 더 기다림 (보통은 %3마다)</translation>
    </message>
    <message>
        <source>%1&apos;s followers fetch at normal speed again</source>
        <translation>%1의 팔로워가 다시 정상 속도로 페치함</translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s), replication factor %1</source>
        <translation>
            <numerusform>파티션 %n개, 복제 계수 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s) and their replica directories deleted</source>
        <translation>
            <numerusform>파티션 %n개와 그 복제본 디렉터리 삭제</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 → %2 partitions: keyed records now go to murmur2(key) % %2, so most keys move to another partition; records already written stay where they are</source>
        <translation>파티션 %1 → %2개: 키가 있는 레코드는 이제 murmur2(key) % %2로 가므로 대부분의 키가 다른 파티션으로 옮겨 감. 이미 쓴 레코드는 그대로 남음</translation>
    </message>
    <message>
        <source>auto-producer %1: %2 records/s, %3</source>
        <translation>자동 프로듀서 %1: 초당 레코드 %2개, %3</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s)</source>
        <translation>
            <numerusform>레코드 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>until stopped</source>
        <translation>멈출 때까지</translation>
    </message>
    <message numerus="yes">
        <source>auto-producer %1 sent all its %n record(s)</source>
        <translation>
            <numerusform>자동 프로듀서 %1이(가) 레코드 %n개를 모두 보냄</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>auto-producer %1 stopped after %n record(s)</source>
        <translation>
            <numerusform>자동 프로듀서 %1이(가) 레코드 %n개를 보낸 뒤 멈춤</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>auto-producer %1 gave up after %n record(s): %2</source>
        <translation>
            <numerusform>자동 프로듀서 %1이(가) 레코드 %n개 뒤에 포기함: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>producer %1, first: key %2, sequence %3</source>
        <translation>프로듀서 %1, 첫 번째: 키 %2, 시퀀스 %3</translation>
    </message>
    <message>
        <source>%1-%2 at %3</source>
        <translation>%1-%2의 %3</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s): %1. The first: %2</source>
        <translation>
            <numerusform>세그먼트 %n개: %1. 첫 번째: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Broker fenced</source>
        <translation>브로커 펜싱</translation>
    </message>
    <message>
        <source>%1 fenced: no heartbeat for broker.session.timeout.ms %2</source>
        <translation>%1 펜싱: broker.session.timeout.ms %2 동안 하트비트 없음</translation>
    </message>
    <message>
        <source>(Kafka&apos;s default: 30 s)</source>
        <translation>(Kafka 기본값: 30초)</translation>
    </message>
    <message>
        <source>no coordinator: %1, the leader of %2-%3, is down or cut off (COORDINATOR_NOT_AVAILABLE until it returns or is fenced)</source>
        <translation>코디네이터 없음: %2-%3의 리더 %1이(가) 죽었거나 단절되었습니다(돌아오거나 펜싱될 때까지 COORDINATOR_NOT_AVAILABLE)</translation>
    </message>
    <message>
        <source>; the controller fences it after broker.session.timeout.ms %1 without a heartbeat</source>
        <translation>; 하트비트 없이 broker.session.timeout.ms %1이 지나면 컨트롤러가 펜싱합니다</translation>
    </message>
    <message>
        <source>the controller fenced %1 after %2 without a heartbeat (broker.session.timeout.ms %3): its leaderships move and it leaves the ISRs</source>
        <translation>하트비트 없이 %2이 지나 컨트롤러가 %1을(를) 펜싱했습니다(broker.session.timeout.ms %3). 리더 자리가 옮겨 가고 ISR에서 빠집니다</translation>
    </message>
    <message>
        <source>segment %1 is corrupt at byte %2 (below the recovery point): offsets %3..%4 are kept on disk but not served, and this replica stays out of the ISR until it is repaired from the leader</source>
        <translation>세그먼트 %1이(가) 바이트 %2에서 손상됨 (복구 지점 아래): 오프셋 %3..%4는 디스크에 그대로 두지만 읽기에는 내주지 않으며, 이 레플리카는 리더에게서 복구될 때까지 ISR에 들어가지 못함</translation>
    </message>
    <message>
        <source>offsets %1..%2 are missing between segment %3 and the next one (a zero-length or removed segment): this replica stays out of the ISR until it is repaired from the leader</source>
        <translation>세그먼트 %3과(와) 다음 세그먼트 사이에 오프셋 %1..%2가 없음 (길이 0이거나 지워진 세그먼트): 이 레플리카는 리더에게서 복구될 때까지 ISR에 들어가지 못함</translation>
    </message>
    <message>
        <source>offsets %1..%2 appear in two segments (a copied or overlapping segment %3): this replica stays out of the ISR until it is repaired from the leader</source>
        <translation>오프셋 %1..%2가 두 세그먼트에 겹쳐 있음 (복사되었거나 겹치는 세그먼트 %3): 이 레플리카는 리더에게서 복구될 때까지 ISR에 들어가지 못함</translation>
    </message>
    <message>
        <source>%1 cut its log at offset %2 (its LEO was %3) to fetch what recovery found damaged from the leader again</source>
        <translation>%1이(가) 복구 중 손상이 발견된 부분을 리더에게서 다시 가져오려고 로그를 오프셋 %2에서 잘라 냄 (LEO는 %3이었음)</translation>
    </message>
    <message>
        <source>REFUSED: the leader epoch is 2147483647, the largest there is, and a new leader needs a larger one</source>
        <translation>거부됨: 리더 에포크가 가능한 최댓값인 2147483647이며, 새 리더에게는 더 큰 에포크가 필요합니다</translation>
    </message>
    <message numerus="yes">
        <source>its leader-epoch-checkpoint was malformed or did not match the log; it was rebuilt from the log&apos;s batches (%n epoch(s))</source>
        <translation>
            <numerusform>leader-epoch-checkpoint 파일이 잘못되었거나 로그와 맞지 않아 로그의 배치로부터 다시 만듦 (에포크 %n개)</numerusform>
        </translation>
    </message>
    <message>
        <source>Stray replica set aside</source>
        <translation>출처 불명 복제본 격리</translation>
    </message>
    <message>
        <source>broker %1: directory %2-%3 holds a replica the cluster metadata does not place on this broker; renamed %4 and not opened</source>
        <translation>브로커 %1: 디렉터리 %2-%3에는 클러스터 메타데이터가 이 브로커에 배치하지 않은 복제본이 있습니다. %4(으)로 이름을 바꾸고 열지 않았습니다</translation>
    </message>
    <message>
        <source>broker %1: directory %2-%3 is not a partition in the cluster metadata; renamed %4 and not opened</source>
        <translation>브로커 %1: 디렉터리 %2-%3은(는) 클러스터 메타데이터에 없는 파티션입니다. %4(으)로 이름을 바꾸고 열지 않았습니다</translation>
    </message>
    <message>
        <source>%1 is not a segment (its name is above the largest offset): ignored and left as it is</source>
        <translation>%1은(는) 세그먼트가 아님 (이름이 가장 큰 오프셋보다 큼): 무시하고 그대로 둠</translation>
    </message>
    <message>
        <source>the partition&apos;s logs were loaded at start</source>
        <translation>시작 시 파티션 로그를 불러옴</translation>
    </message>
</context>
<context>
    <name>FileMenu</name>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>Stop the auto-producers, consumers and brokers and close Kafka Lab</source>
        <translation>자동 프로듀서, 컨슈머, 브로커를 멈추고 Kafka Lab을 닫습니다</translation>
    </message>
</context>
<context>
    <name>GroupForm</name>
    <message>
        <source>a group needs an id (group.id)</source>
        <translation>그룹에는 id(group.id)가 필요합니다</translation>
    </message>
    <message>
        <source>use letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; only (at most 249)</source>
        <translation>영문자, 숫자, &apos;.&apos;, &apos;_&apos;, &apos;-&apos;만 사용 (최대 249자)</translation>
    </message>
    <message>
        <source>group &apos;%1&apos; exists: select it and use Add consumer, or pick another id</source>
        <translation>그룹 &apos;%1&apos;이(가) 이미 있습니다: 선택해서 컨슈머 추가를 쓰거나 다른 id를 고르세요</translation>
    </message>
    <message>
        <source>name at least one topic to subscribe to</source>
        <translation>구독할 토픽을 하나 이상 적으세요</translation>
    </message>
    <message>
        <source>__consumer_offsets is internal: consumers of it are the coordinators</source>
        <translation>__consumer_offsets는 내부 토픽입니다: 이를 읽는 것은 코디네이터입니다</translation>
    </message>
    <message>
        <source>no such topic: %1 (create it in the Topics tab)</source>
        <translation>없는 토픽: %1 (토픽 탭에서 만드세요)</translation>
    </message>
    <message>
        <source>from 1 to %1 consumers</source>
        <translation>컨슈머 1~%1개</translation>
    </message>
    <message>
        <source>choose range, roundrobin, sticky or cooperative-sticky</source>
        <translation>range, roundrobin, sticky, cooperative-sticky 중 고르세요</translation>
    </message>
    <message>
        <source>a consumer must process more than 0 records/s</source>
        <translation>컨슈머 처리 속도는 0 레코드/초보다 커야 합니다</translation>
    </message>
    <message>
        <source>between %1 and %2 (group.min/max.session.timeout.ms)</source>
        <translation>%1~%2 사이 (group.min/max.session.timeout.ms)</translation>
    </message>
</context>
<context>
    <name>GroupMap</name>
    <message>
        <source>the group is Dead: it has no members to act on</source>
        <translation>그룹이 Dead 상태: 조작할 멤버가 없습니다</translation>
    </message>
    <message>
        <source>%1 has crashed; the coordinator removes it once session.timeout.ms passes without a heartbeat</source>
        <translation>%1이(가) 죽었습니다. 하트비트 없이 session.timeout.ms가 지나면 코디네이터가 제거합니다</translation>
    </message>
    <message>
        <source>%1 has left the group</source>
        <translation>%1이(가) 그룹을 떠났습니다</translation>
    </message>
    <message>
        <source>Kill %1 without a LeaveGroup: the coordinator notices only after session.timeout.ms, then rebalances</source>
        <translation>%1을(를) LeaveGroup 없이 죽입니다: 코디네이터는 session.timeout.ms 뒤에야 알아채고 리밸런스합니다</translation>
    </message>
    <message>
        <source>%1 is stuck in processing: close() runs on the polling thread, so it cannot leave until it polls again (Resume)</source>
        <translation>%1은(는) 처리 중 멈춰 있습니다: close()는 폴링 스레드에서 돌기 때문에 다시 폴링(재개)하기 전에는 떠날 수 없습니다</translation>
    </message>
    <message>
        <source>%1 polls again and rejoins the group</source>
        <translation>%1이(가) 다시 폴링하고 그룹에 재참여합니다</translation>
    </message>
    <message>
        <source>Close %1 gracefully: it sends LeaveGroup and the group rebalances at once</source>
        <translation>%1을(를) 정상 종료: LeaveGroup을 보내고 그룹이 즉시 리밸런스합니다</translation>
    </message>
    <message>
        <source>%1 stops polling: after max.poll.interval.ms its client leaves the group and its partitions move</source>
        <translation>%1이(가) 폴링을 멈춥니다: max.poll.interval.ms 뒤 클라이언트가 그룹을 떠나고 파티션이 옮겨집니다</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>stalled</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>죽음</translation>
    </message>
    <message>
        <source>left</source>
        <translation>떠남</translation>
    </message>
    <message>
        <source>Stable: every member has its assignment and is consuming</source>
        <translation>Stable: 모든 멤버가 할당을 받아 소비 중</translation>
    </message>
    <message>
        <source>PreparingRebalance: the coordinator waits for every member to (re)join</source>
        <translation>PreparingRebalance: 코디네이터가 모든 멤버의 (재)참여를 기다림</translation>
    </message>
    <message>
        <source>CompletingRebalance: all joined; waiting for the leader&apos;s assignment (SyncGroup)</source>
        <translation>CompletingRebalance: 모두 참여함, 리더의 할당(SyncGroup)을 기다림</translation>
    </message>
    <message>
        <source>Empty: no members; committed offsets are kept</source>
        <translation>Empty: 멤버 없음, 커밋된 오프셋은 유지됨</translation>
    </message>
    <message>
        <source>Dead: the group has been removed</source>
        <translation>Dead: 그룹이 제거됨</translation>
    </message>
    <message>
        <source>Generation: grows by one with every completed rebalance; requests from an older generation are fenced (ILLEGAL_GENERATION)</source>
        <translation>세대(generation): 리밸런스가 끝날 때마다 1씩 늘어남. 이전 세대의 요청은 거부됨 (ILLEGAL_GENERATION)</translation>
    </message>
    <message>
        <source>partition.assignment.strategy: the group leader runs this assignor. Eager ones (range, roundrobin, sticky) revoke everything on a rebalance; cooperative-sticky revokes only what moves</source>
        <translation>partition.assignment.strategy: 그룹 리더가 이 어사이너를 실행합니다. eager 방식(range, roundrobin, sticky)은 리밸런스 때 전부 회수하고, cooperative-sticky는 옮겨지는 것만 회수합니다</translation>
    </message>
    <message>
        <source>The broker leading this group&apos;s partition of __consumer_offsets: it runs the group and stores its committed offsets</source>
        <translation>이 그룹의 __consumer_offsets 파티션 리더 브로커: 그룹을 운영하고 커밋된 오프셋을 저장합니다</translation>
    </message>
    <message>
        <source>Lag = log end offset - committed offset, summed over the group&apos;s partitions</source>
        <translation>랙 = 로그 끝 오프셋 - 커밋된 오프셋, 그룹의 파티션 합계</translation>
    </message>
    <message>
        <source>member id: %1</source>
        <translation>멤버 id: %1</translation>
    </message>
    <message>
        <source>group.instance.id: %1 (static member: a restart within the session timeout keeps its partitions)</source>
        <translation>group.instance.id: %1 (정적 멤버: 세션 타임아웃 안에 재시작하면 파티션을 유지)</translation>
    </message>
    <message>
        <source>group leader: this member ran the assignor</source>
        <translation>그룹 리더: 이 멤버가 어사이너를 실행했습니다</translation>
    </message>
    <message>
        <source>more consumers than partitions: this member has nothing to read</source>
        <translation>컨슈머가 파티션보다 많습니다: 이 멤버는 읽을 것이 없습니다</translation>
    </message>
    <message>
        <source>no partition assigned to this member in generation %1</source>
        <translation>세대 %1에서 이 멤버에 할당된 파티션 없음</translation>
    </message>
    <message>
        <source>nothing committed yet</source>
        <translation>아직 커밋 없음</translation>
    </message>
    <message>
        <source>%1
committed offset: %2 (where the group resumes)
log end offset: %3 (readable up to the high watermark)
lag: %4 records not yet committed
status: %5</source>
        <translation>%1
커밋된 오프셋: %2 (그룹이 다시 시작하는 위치)
로그 끝 오프셋: %3 (하이 워터마크까지 읽을 수 있음)
랙: 아직 커밋되지 않은 레코드 %4개
상태: %5</translation>
    </message>
    <message>
        <source>read by %1</source>
        <translation>%1이(가) 읽음</translation>
    </message>
    <message>
        <source>not assigned to any member</source>
        <translation>어떤 멤버에도 할당되지 않음</translation>
    </message>
    <message>
        <source>(now)</source>
        <translation>(진행 중)</translation>
    </message>
    <message>
        <source>no partition moved</source>
        <translation>옮겨진 파티션 없음</translation>
    </message>
    <message>
        <source>the group is Dead: start a new one</source>
        <translation>그룹이 Dead 상태: 새로 시작하세요</translation>
    </message>
    <message>
        <source>Start one more simulated consumer: it joins and the group rebalances</source>
        <translation>시뮬레이션 컨슈머를 하나 더 시작: 참여하면 그룹이 리밸런스합니다</translation>
    </message>
    <message>
        <source>Close every simulated consumer (LeaveGroup); committed offsets stay</source>
        <translation>모든 시뮬레이션 컨슈머를 닫음 (LeaveGroup). 커밋된 오프셋은 남음</translation>
    </message>
    <message>
        <source>no running consumer to stop</source>
        <translation>멈출 실행 중인 컨슈머 없음</translation>
    </message>
    <message>
        <source>Stable</source>
        <translation>안정</translation>
    </message>
    <message>
        <source>PreparingRebalance</source>
        <translation>리밸런스 준비 중</translation>
    </message>
    <message>
        <source>CompletingRebalance</source>
        <translation>리밸런스 마무리 중</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>비어 있음</translation>
    </message>
    <message>
        <source>Dead</source>
        <translation>삭제됨</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>WARN</source>
        <translation>경고</translation>
    </message>
    <message>
        <source>STALL</source>
        <translation>정체</translation>
    </message>
    <message>
        <source>STOP</source>
        <translation>멈춤</translation>
    </message>
    <message>
        <source>REWIND</source>
        <translation>되감김</translation>
    </message>
    <message>
        <source>ERR</source>
        <translation>오류</translation>
    </message>
    <message>
        <source>OK: the consumer commits and keeps up</source>
        <translation>정상(OK): 컨슈머가 커밋하며 따라가고 있음</translation>
    </message>
    <message>
        <source>WARN: the lag keeps growing although the consumer commits</source>
        <translation>경고(WARN): 컨슈머가 커밋하는데도 랙이 계속 늘어남</translation>
    </message>
    <message>
        <source>STALL: the consumer commits the same offset over and over while there is lag</source>
        <translation>정체(STALL): 랙이 있는데 컨슈머가 같은 오프셋만 거듭 커밋함</translation>
    </message>
    <message>
        <source>STOP: no commit for a while although there is lag</source>
        <translation>멈춤(STOP): 랙이 있는데 한동안 커밋이 없음</translation>
    </message>
    <message>
        <source>REWIND: the committed offset went backwards</source>
        <translation>되감김(REWIND): 커밋된 오프셋이 뒤로 돌아감</translation>
    </message>
    <message>
        <source>ERR: the lag cannot be evaluated</source>
        <translation>오류(ERR): 랙을 평가할 수 없음</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>(unassigned)</source>
        <translation>(할당 없음)</translation>
    </message>
    <message>
        <source>%1 is a real client: crash or pause it in its own process</source>
        <translation>%1은(는) 실제 클라이언트입니다. 중단이나 일시 정지는 그 프로세스에서 하세요</translation>
    </message>
    <message>
        <source>Remove %1 from the group, as AdminClient.removeMembersFromConsumerGroup does (a LeaveGroup on its behalf): the group rebalances without it; the client hears UNKNOWN_MEMBER_ID at its next heartbeat and joins again with a new member id</source>
        <translation>AdminClient.removeMembersFromConsumerGroup처럼 %1을(를) 그룹에서 내보냅니다(그 멤버 대신 LeaveGroup을 보냄). 그룹은 그 멤버 없이 리밸런스하고, 클라이언트는 다음 하트비트에서 UNKNOWN_MEMBER_ID를 받은 뒤 새 멤버 ID로 다시 참여합니다</translation>
    </message>
</context>
<context>
    <name>GroupStartForm</name>
    <message>
        <source>Group id</source>
        <translation>그룹 id</translation>
    </message>
    <message>
        <source>group.id: consumers with the same id share the partitions</source>
        <translation>group.id: 같은 id의 컨슈머들이 파티션을 나눠 가짐</translation>
    </message>
    <message>
        <source>Topic(s)</source>
        <translation>토픽</translation>
    </message>
    <message>
        <source>subscribe(): one topic, or several separated by commas</source>
        <translation>subscribe(): 토픽 하나, 또는 쉼표로 구분한 여러 개</translation>
    </message>
    <message>
        <source>Consumers</source>
        <translation>컨슈머 수</translation>
    </message>
    <message>
        <source>How many simulated consumers start at once; more than partitions leaves some idle</source>
        <translation>한 번에 시작할 시뮬레이션 컨슈머 수. 파티션보다 많으면 일부는 놀게 됨</translation>
    </message>
    <message>
        <source>Assignor</source>
        <translation>어사이너</translation>
    </message>
    <message>
        <source>partition.assignment.strategy: range, roundrobin, sticky (eager) or cooperative-sticky (moves only what must move)</source>
        <translation>partition.assignment.strategy: range, roundrobin, sticky (eager) 또는 cooperative-sticky (꼭 옮길 것만 옮김)</translation>
    </message>
    <message>
        <source> rec/s</source>
        <translation> 레코드/초</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>처리 속도</translation>
    </message>
    <message>
        <source>Records per second each consumer processes; below the produce rate, lag grows</source>
        <translation>컨슈머마다 초당 처리하는 레코드 수. 생산 속도보다 낮으면 랙이 커짐</translation>
    </message>
    <message>
        <source>Session timeout</source>
        <translation>세션 타임아웃</translation>
    </message>
    <message>
        <source>session.timeout.ms: a member silent this long is removed and its partitions move (heartbeat.interval.ms is set to a third of it, at most 3000)</source>
        <translation>session.timeout.ms: 이만큼 조용한 멤버는 제거되고 파티션이 옮겨짐 (heartbeat.interval.ms는 그 1/3, 최대 3000)</translation>
    </message>
    <message>
        <source>auto-commit (enable.auto.commit, every 5 s)</source>
        <translation>자동 커밋 (enable.auto.commit, 5초마다)</translation>
    </message>
    <message>
        <source>Commit consumed offsets every auto.commit.interval.ms; records read after the last commit are read again after a rebalance</source>
        <translation>auto.commit.interval.ms마다 소비한 오프셋을 커밋. 마지막 커밋 뒤에 읽은 레코드는 리밸런스 뒤 다시 읽힘</translation>
    </message>
    <message>
        <source>Start group</source>
        <translation>그룹 시작</translation>
    </message>
    <message>
        <source>Start the consumers: they join, the leader assigns, the group becomes Stable</source>
        <translation>컨슈머 시작: 참여하고, 리더가 할당하고, 그룹이 Stable이 됨</translation>
    </message>
    <message>
        <source>Kafka&apos;s default: 45000 ms
(Kafka Lab uses 10000 for faster demos)</source>
        <translation>Kafka 기본값: 45000밀리초
(Kafka Lab은 빠른 시연을 위해 10000 사용)</translation>
    </message>
</context>
<context>
    <name>GroupsView</name>
    <message>
        <source>start group</source>
        <translation>그룹 시작</translation>
    </message>
    <message>
        <source>add consumer</source>
        <translation>컨슈머 추가</translation>
    </message>
    <message>
        <source>crash</source>
        <translation>죽이기</translation>
    </message>
    <message>
        <source>leave</source>
        <translation>떠나기</translation>
    </message>
    <message>
        <source>stall</source>
        <translation>멈추기</translation>
    </message>
    <message>
        <source>resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>stop group</source>
        <translation>그룹 중지</translation>
    </message>
    <message>
        <source>No consumer group yet: start one below.</source>
        <translation>아직 컨슈머 그룹이 없습니다: 아래에서 시작하세요.</translation>
    </message>
    <message>
        <source>Add consumer</source>
        <translation>컨슈머 추가</translation>
    </message>
    <message>
        <source>Stop group</source>
        <translation>그룹 중지</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>새 그룹…</translation>
    </message>
    <message>
        <source>Start a group of simulated consumers</source>
        <translation>시뮬레이션 컨슈머 그룹 시작</translation>
    </message>
    <message>
        <source>%1
%2 · gen %3 · lag %4</source>
        <translation>%1
%2 · 세대 %3 · 랙 %4</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n consumer(s), assignor %2
%3</source>
        <translation>
            <numerusform>%1: 컨슈머 %n개, 어사이너 %2
%3</numerusform>
        </translation>
    </message>
    <message>
        <source>state &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;</source>
        <translation>상태 &lt;b style=&apos;color:%1&apos;&gt;%2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>generation &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>세대 &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>assignor &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>어사이너 &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>coordinator &lt;b&gt;broker-%1&lt;/b&gt;</source>
        <translation>코디네이터 &lt;b&gt;broker-%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>coordinator &lt;b&gt;none&lt;/b&gt;</source>
        <translation>코디네이터 &lt;b&gt;없음&lt;/b&gt;</translation>
    </message>
    <message>
        <source>lag &lt;b&gt;%1&lt;/b&gt;</source>
        <translation>랙 &lt;b&gt;%1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 %2: done</source>
        <translation>%1 %2: 완료</translation>
    </message>
    <message>
        <source>%1 %2 refused: %3 — %4</source>
        <translation>%1 %2 거부됨: %3 — %4</translation>
    </message>
</context>
<context>
    <name>GuardedApplication</name>
    <message>
        <source>Kafka Lab hit an internal error and will close (the cluster&apos;s data on disk is kept):
%1</source>
        <translation>Kafka Lab에 내부 오류가 발생해 종료합니다 (디스크에 있는 클러스터 데이터는 그대로 남습니다):
%1</translation>
    </message>
    <message>
        <source>Kafka Lab</source>
        <translation>Kafka Lab</translation>
    </message>
</context>
<context>
    <name>LagChart</name>
    <message>
        <source>The consumer group whose lag is drawn</source>
        <translation>랙을 그릴 컨슈머 그룹</translation>
    </message>
    <message>
        <source>per partition</source>
        <translation>파티션별</translation>
    </message>
    <message>
        <source>Also draw each partition&apos;s lag as a thin line</source>
        <translation>각 파티션의 랙도 가는 선으로 그림</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>그룹</translation>
    </message>
    <message>
        <source>lag = log end offset - committed offset; dashed lines: rebalances</source>
        <translation>랙 = 로그 끝 오프셋 - 커밋된 오프셋. 점선: 리밸런스</translation>
    </message>
    <message>
        <source>total lag</source>
        <translation>전체 랙</translation>
    </message>
    <message>
        <source>rebalance</source>
        <translation>리밸런스</translation>
    </message>
    <message>
        <source>rebalance → generation %1</source>
        <translation>리밸런스 → 세대 %1</translation>
    </message>
    <message>
        <source>Consumer lag (no group)</source>
        <translation>컨슈머 랙 (그룹 없음)</translation>
    </message>
    <message>
        <source>Consumer lag — group %1</source>
        <translation>컨슈머 랙 — 그룹 %1</translation>
    </message>
    <message>
        <source>lag (records)</source>
        <translation>랙 (레코드 수)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Kafka Lab</source>
        <translation>Kafka Lab</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>토픽</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>파일</translation>
    </message>
    <message>
        <source>Each partition&apos;s log as offset cells, coloured by key</source>
        <translation>파티션마다 로그를 오프셋 칸으로, 키별 색으로 표시</translation>
    </message>
    <message>
        <source>A replica&apos;s directory: segment files, index entries, batches</source>
        <translation>복제본 디렉터리: 세그먼트 파일, 인덱스 항목, 배치</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>이벤트</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>클러스터</translation>
    </message>
    <message>
        <source>Engine clock: the time the brokers stamp on records and events</source>
        <translation>엔진 시계: 브로커가 레코드와 이벤트에 찍는 시각</translation>
    </message>
    <message>
        <source>Records appended by all producers since the engine started</source>
        <translation>엔진 시작 후 모든 프로듀서가 추가한 레코드 수</translation>
    </message>
    <message>
        <source>Switch the interface language</source>
        <translation>화면 언어 바꾸기</translation>
    </message>
    <message>
        <source>broker-%1: %2 (%3)</source>
        <translation>브로커-%1: %2 (%3)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>down</source>
        <translation>중지됨</translation>
    </message>
    <message numerus="yes">
        <source>Cluster: %n broker(s)</source>
        <translation>
            <numerusform>클러스터: 브로커 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 brokers running</source>
        <translation>브로커 %2개 중 %1개 실행 중</translation>
    </message>
    <message>
        <source>t = %1</source>
        <translation>t = %1</translation>
    </message>
    <message>
        <source>Brokers</source>
        <translation>브로커</translation>
    </message>
    <message>
        <source>broker-%1</source>
        <translation>브로커-%1</translation>
    </message>
    <message>
        <source>Data directory: %1</source>
        <translation>데이터 디렉터리: %1</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>토픽</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(아직 없음)</translation>
    </message>
    <message numerus="yes">
        <source>Topic %1: %n partition(s)</source>
        <translation>
            <numerusform>토픽 %1: 파티션 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Brokers and their replicas: leaders, followers, ISR, high watermark; crash, restart or isolate a broker</source>
        <translation>브로커와 복제본: 리더, 팔로워, ISR, 하이 워터마크. 브로커를 중지, 재시작, 격리할 수 있습니다</translation>
    </message>
    <message>
        <source>Producer</source>
        <translation>프로듀서</translation>
    </message>
    <message>
        <source>Send records and see which partition each key goes to, and why</source>
        <translation>레코드를 보내고 각 키가 어느 파티션으로 가는지, 왜 그런지 봅니다</translation>
    </message>
    <message>
        <source>Create, delete and grow topics; replication factor and configs</source>
        <translation>토픽 생성, 삭제, 파티션 늘리기, 복제 계수와 설정</translation>
    </message>
    <message>
        <source>isolated</source>
        <translation>격리됨</translation>
    </message>
    <message>
        <source>, controller</source>
        <translation>, 컨트롤러</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>그룹</translation>
    </message>
    <message>
        <source>Consumer groups: which member reads which partition, rebalances, lag; crash, leave or stall a consumer</source>
        <translation>컨슈머 그룹: 어느 멤버가 어느 파티션을 읽는지, 리밸런스, 랙. 컨슈머를 죽이거나 떠나게 하거나 멈춤</translation>
    </message>
    <message>
        <source>Lag</source>
        <translation>랙</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>처리량</translation>
    </message>
    <message>
        <source>Ordering</source>
        <translation>순서</translation>
    </message>
    <message>
        <source>Consumer lag over time, per group and per partition</source>
        <translation>시간에 따른 컨슈머 랙, 그룹별·파티션별</translation>
    </message>
    <message>
        <source>Records per second produced and consumed</source>
        <translation>초당 생산·소비된 레코드</translation>
    </message>
    <message>
        <source>Per-key order, duplicates and gaps seen by each group</source>
        <translation>그룹마다 본 키별 순서, 중복, 빈틈</translation>
    </message>
    <message>
        <source>Play scenario…</source>
        <translation>시나리오 재생…</translation>
    </message>
    <message>
        <source>Play a scripted scenario (leader failover, acks, ...) on a fresh simulated cluster</source>
        <translation>각본이 있는 시나리오(리더 장애 조치, acks 등)를 새 시뮬레이션 클러스터에서 재생합니다</translation>
    </message>
    <message numerus="yes">
        <source>%Ln record(s) produced</source>
        <translation>
            <numerusform>레코드 %Ln개 전송됨</numerusform>
        </translation>
    </message>
    <message>
        <source>Clients: %1</source>
        <translation>클라이언트: %1</translation>
    </message>
    <message>
        <source>Kafka clients connect here, e.g. kcat -L -b %1
Every broker: %2</source>
        <translation>Kafka 클라이언트는 여기에 접속합니다. 예: kcat -L -b %1
모든 브로커: %2</translation>
    </message>
    <message>
        <source>The usual ports were taken, so free ports were chosen.</source>
        <translation>평소 쓰는 포트가 사용 중이라 빈 포트를 골랐습니다.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>복사</translation>
    </message>
    <message>
        <source>Copy the bootstrap servers: %1</source>
        <translation>부트스트랩 서버 복사: %1</translation>
    </message>
    <message>
        <source>Metrics %1</source>
        <translation>메트릭 %1</translation>
    </message>
    <message>
        <source>Prometheus metrics of this cluster (lag, committed offsets, log end offsets, high watermarks, ISR sizes): a scrape target at %1</source>
        <translation>이 클러스터의 Prometheus 메트릭(랙, 커밋된 오프셋, 로그 끝 오프셋, 하이 워터마크, ISR 크기). Prometheus가 수집할 주소: %1</translation>
    </message>
</context>
<context>
    <name>MemberCard</name>
    <message>
        <source>Crash</source>
        <translation>죽이기</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>떠나기</translation>
    </message>
    <message>
        <source>Stall</source>
        <translation>멈추기</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>놀고 있음</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>(no host)</source>
        <translation>(호스트 없음)</translation>
    </message>
    <message>
        <source>simulated</source>
        <translation>시뮬레이션</translation>
    </message>
    <message>
        <source>real client</source>
        <translation>실제 클라이언트</translation>
    </message>
    <message numerus="yes">
        <source>lag %1 · %2 rec/s · %n partition(s)</source>
        <translation>
            <numerusform>랙 %1 · %2 레코드/초 · 파티션 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>lag: records in its partitions not yet committed
rec/s: how fast it processes records
partitions: %1</source>
        <translation>랙: 맡은 파티션에서 아직 커밋되지 않은 레코드
레코드/초: 처리 속도
파티션: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message numerus="yes">
        <source>lag %1 · %n partition(s)</source>
        <translation>
            <numerusform>랙 %1 · 파티션 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>lag: records in its partitions not yet committed
a real client&apos;s processing rate is known only to the client
partitions: %1</source>
        <translation>랙: 맡은 파티션에서 아직 커밋되지 않은 레코드
실제 클라이언트의 처리 속도는 그 클라이언트만 압니다
파티션: %1</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>내보내기</translation>
    </message>
</context>
<context>
    <name>OrderingFindings</name>
    <message>
        <source>duplicate</source>
        <translation>중복</translation>
    </message>
    <message>
        <source>order violated</source>
        <translation>순서 위반</translation>
    </message>
    <message>
        <source>gap</source>
        <translation>빈틈</translation>
    </message>
    <message>
        <source>global order</source>
        <translation>전역 순서</translation>
    </message>
    <message>
        <source>the same record (same producer id and sequence) was read again: it was processed but not committed before a crash or rebalance, so the partition&apos;s next owner read it again (at-least-once delivery)</source>
        <translation>같은 레코드(같은 프로듀서 ID와 시퀀스)를 다시 읽었습니다: 크래시나 리밸런스 전에 처리했지만 커밋하지 않아 파티션의 다음 소유자가 다시 읽었습니다(최소 한 번 전달)</translation>
    </message>
    <message>
        <source>a key&apos;s record arrived after a later record of the same producer and key: the key&apos;s order broke; should stay 0, a key always goes to one partition, read in order</source>
        <translation>같은 프로듀서·같은 키의 더 나중 레코드 뒤에 레코드가 도착했습니다: 키의 순서가 깨졌습니다. 0이어야 합니다. 키는 항상 한 파티션으로 가고 파티션은 순서대로 읽힙니다</translation>
    </message>
    <message>
        <source>a key&apos;s sequence skipped ahead: records of this producer were never read (deleted by retention first, an offset committed past them, lost in an unclean election)</source>
        <translation>키의 시퀀스가 앞으로 건너뛰었습니다: 이 프로듀서의 레코드 일부를 읽지 못했습니다(보존 정책으로 먼저 삭제됨, 그 뒤로 오프셋이 커밋됨, 언클린 선출로 유실됨)</translation>
    </message>
    <message>
        <source>records consumed in another order than produced, across partitions: normal, Kafka orders only within a partition</source>
        <translation>파티션 간에 생산된 순서와 다른 순서로 소비된 레코드: 정상입니다. Kafka는 파티션 안에서만 순서를 보장합니다</translation>
    </message>
    <message>
        <source>%1 · %2 from %3: #%4 read again on %5 (already read up to #%6)</source>
        <translation>%1 · %3의 %2: #%4를 %5에서 다시 읽음 (이미 #%6까지 읽음)</translation>
    </message>
    <message>
        <source>%1 · %2 from %3: #%4 on %5 after #%6 (from %7)</source>
        <translation>%1 · %3의 %2: %5의 #%4가 #%6 뒤에 옴 (#%6은 %7에서)</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %2 from %3: #%4 on %5 after #%6 (%n record(s) never read)</source>
        <translation>
            <numerusform>%1 · %3의 %2: %5의 #%4가 #%6 뒤에 옴 (레코드 %n개를 읽지 못함)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2 (produced %3) processed after %4 (produced %5)</source>
        <translation>%1 · %2 (생산 %3)를 %4 (생산 %5) 뒤에 처리함</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>produced (CreateTime): %1</source>
        <translation>생산 시각 (CreateTime): %1</translation>
    </message>
</context>
<context>
    <name>OrderingPanel</name>
    <message>
        <source>Group</source>
        <translation>그룹</translation>
    </message>
    <message>
        <source>checked</source>
        <translation>검사함</translation>
    </message>
    <message>
        <source>per-key violations</source>
        <translation>키별 순서 위반</translation>
    </message>
    <message>
        <source>duplicates</source>
        <translation>중복</translation>
    </message>
    <message>
        <source>gaps</source>
        <translation>빈틈</translation>
    </message>
    <message>
        <source>global inversions</source>
        <translation>전역 순서 뒤바뀜</translation>
    </message>
    <message>
        <source>Recent findings (newest first)</source>
        <translation>최근 발견 (최신 순)</translation>
    </message>
    <message>
        <source>no consumer group yet</source>
        <translation>아직 컨슈머 그룹 없음</translation>
    </message>
    <message>
        <source>nothing checked yet</source>
        <translation>아직 검사한 것 없음</translation>
    </message>
    <message>
        <source>✓ per-key order holds; global order across partitions does not</source>
        <translation>✓ 키별 순서는 지켜짐. 파티션을 넘는 전역 순서는 지켜지지 않음</translation>
    </message>
    <message>
        <source>✓ per-key order holds</source>
        <translation>✓ 키별 순서 지켜짐</translation>
    </message>
    <message>
        <source>✗ per-key order violated</source>
        <translation>✗ 키별 순서 위반</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>resetting…</source>
        <translation>초기화 중…</translation>
    </message>
    <message>
        <source>records stamped with a producer id and per-key sequence that the consumers checked (others, e.g. null keys or hand-sent records, are not)</source>
        <translation>컨슈머가 검사한, 프로듀서 ID와 키별 시퀀스가 찍힌 레코드(널 키나 직접 보낸 레코드 등 나머지는 검사하지 않음)</translation>
    </message>
    <message>
        <source>Per producer (each auto-producer run has its own producer id)</source>
        <translation>프로듀서별 (자동 프로듀서 실행마다 고유한 프로듀서 ID)</translation>
    </message>
    <message>
        <source>Producer</source>
        <translation>프로듀서</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>토픽</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>검사함</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>중복</translation>
    </message>
    <message>
        <source>Order violations</source>
        <translation>순서 위반</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>빈틈</translation>
    </message>
    <message>
        <source>The producer id: every auto-producer run gets a new one and stamps its values &quot;&lt;key&gt;@p&lt;id&gt;#&lt;sequence&gt;&quot;, like the producer id and sequence of Kafka&apos;s idempotent producer</source>
        <translation>프로듀서 ID: 자동 프로듀서를 실행할 때마다 새 ID를 받아 값에 &quot;&lt;key&gt;@p&lt;id&gt;#&lt;sequence&gt;&quot;를 찍습니다. Kafka 멱등성 프로듀서의 프로듀서 ID와 시퀀스와 같습니다</translation>
    </message>
    <message>
        <source>The topic this producer wrote to</source>
        <translation>이 프로듀서가 쓴 토픽</translation>
    </message>
    <message>
        <source>This producer&apos;s records the group checked</source>
        <translation>그룹이 검사한 이 프로듀서의 레코드</translation>
    </message>
    <message>
        <source>Clear this group&apos;s ordering counts, producers and findings; checking starts again from the next record it reads</source>
        <translation>이 그룹의 순서 검사 집계, 프로듀서, 발견 사항을 지웁니다. 다음에 읽는 레코드부터 다시 검사합니다</translation>
    </message>
    <message>
        <source>No consumer group to reset yet: start one on the Groups tab</source>
        <translation>아직 초기화할 컨슈머 그룹이 없습니다: 그룹 탭에서 시작하세요</translation>
    </message>
    <message numerus="yes">
        <source>nothing checked yet: %n record(s) read carry no producer id and sequence (null keys, hand-sent records, or data from before producer ids)</source>
        <translation>
            <numerusform>아직 검사한 것이 없습니다: 읽은 레코드 %n개에 프로듀서 ID와 시퀀스가 없습니다(널 키, 직접 보낸 레코드, 또는 프로듀서 ID 도입 이전 데이터)</numerusform>
        </translation>
    </message>
    <message>
        <source>producer id %1: values stamped &quot;&lt;key&gt;@p%1#&lt;sequence&gt;&quot;</source>
        <translation>프로듀서 ID %1: 값에 &quot;&lt;key&gt;@p%1#&lt;sequence&gt;&quot;가 찍힘</translation>
    </message>
    <message>
        <source>%1: counts reset</source>
        <translation>%1: 집계 초기화됨</translation>
    </message>
    <message>
        <source>reset of %1 refused: %2 — %3</source>
        <translation>%1 초기화 거부됨: %2 — %3</translation>
    </message>
</context>
<context>
    <name>PartitionStripDelegate</name>
    <message>
        <source>▶LEO %1</source>
        <translation>▶LEO %1</translation>
    </message>
    <message numerus="yes">
        <source>◀ %n older</source>
        <translation>
            <numerusform>◀ 이전 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>start %1</source>
        <translation>시작 %1</translation>
    </message>
    <message>
        <source>segment %1</source>
        <translation>세그먼트 %1</translation>
    </message>
    <message>
        <source>HW %1</source>
        <translation>HW %1</translation>
    </message>
    <message>
        <source>null (no key: sticky/round-robin partitioning)</source>
        <translation>null (키 없음: 스티키/라운드 로빈 파티셔닝)</translation>
    </message>
    <message>
        <source>null (tombstone)</source>
        <translation>null (툼스톤)</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n바이트</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;%1-%2 offset %3&lt;/b&gt;&lt;br&gt;Key: %4&lt;br&gt;Time: %5&lt;br&gt;Value: %6</source>
        <translation>&lt;b&gt;%1-%2 오프셋 %3&lt;/b&gt;&lt;br&gt;키: %4&lt;br&gt;시각: %5&lt;br&gt;값: %6</translation>
    </message>
    <message>
        <source>Offset %1: older than the records kept for drawing.
Open the Files tab to read it from the segment.</source>
        <translation>오프셋 %1: 화면용으로 보관하는 레코드보다 오래되었습니다.
파일 탭에서 세그먼트를 열어 읽어 보세요.</translation>
    </message>
    <message>
        <source>Log end offset (LEO) %1: the offset the next record appended to this partition will get.</source>
        <translation>로그 끝 오프셋(LEO) %1: 이 파티션에 다음으로 추가될 레코드가 받을 오프셋.</translation>
    </message>
    <message numerus="yes">
        <source>Log start offset %1 (oldest offset still on disk), high watermark %2 (consumers read up to here), %n segment(s).</source>
        <translation>
            <numerusform>로그 시작 오프셋 %1 (디스크에 남은 가장 오래된 오프셋), 하이 워터마크 %2 (컨슈머가 여기까지 읽음), 세그먼트 %n개.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PartitionStripModel</name>
    <message>
        <source>broker-%1</source>
        <translation>브로커-%1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>Partition %1 of topic %2: an ordered, append-only log.
Directory: %3</source>
        <translation>토픽 %2의 파티션 %1: 순서가 있는 추가 전용 로그.
디렉터리: %3</translation>
    </message>
    <message>
        <source>Leader: the broker that accepts writes for this partition.
Replicas (assignment order): %1</source>
        <translation>리더: 이 파티션의 쓰기를 받는 브로커.
복제본(할당 순서): %1</translation>
    </message>
    <message>
        <source>Log end offset (LEO) %1: the offset the next record will get.
Log start offset %2, high watermark %3.</source>
        <translation>로그 끝 오프셋(LEO) %1: 다음 레코드가 받을 오프셋.
로그 시작 오프셋 %2, 하이 워터마크 %3.</translation>
    </message>
    <message numerus="yes">
        <source>%n segment file(s), %1 bytes on disk</source>
        <translation>
            <numerusform>세그먼트 파일 %n개, 디스크에 %1바이트</numerusform>
        </translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>파티션</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>리더</translation>
    </message>
    <message>
        <source>LEO</source>
        <translation>LEO</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Log (oldest → newest)</source>
        <translation>로그 (오래된 것 → 최신)</translation>
    </message>
    <message>
        <source>Topic-partition name</source>
        <translation>토픽-파티션 이름</translation>
    </message>
    <message>
        <source>Broker that leads the partition (receives produce requests)</source>
        <translation>파티션의 리더 브로커 (프로듀스 요청을 받음)</translation>
    </message>
    <message>
        <source>Log end offset: the offset the next appended record will get</source>
        <translation>로그 끝 오프셋: 다음에 추가될 레코드가 받을 오프셋</translation>
    </message>
    <message>
        <source>Bytes of all segment files of the leader&apos;s replica</source>
        <translation>리더 복제본의 모든 세그먼트 파일 크기</translation>
    </message>
    <message>
        <source>Each cell is one record at its offset, coloured by key (one colour per key everywhere). Newest on the right.</source>
        <translation>칸 하나가 그 오프셋의 레코드 하나이며 키별로 색을 칠합니다(키마다 어디서나 같은 색). 최신은 오른쪽.</translation>
    </message>
</context>
<context>
    <name>PlayerBar</name>
    <message>
        <source>broker-%1</source>
        <translation>broker-%1</translation>
    </message>
    <message>
        <source>no leader</source>
        <translation>리더 없음</translation>
    </message>
    <message>
        <source>leader %1</source>
        <translation>리더 %1</translation>
    </message>
    <message>
        <source>ISR %1</source>
        <translation>ISR %1</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>에포크 %1</translation>
    </message>
    <message>
        <source>high watermark %1</source>
        <translation>하이 워터마크 %1</translation>
    </message>
    <message>
        <source>log end offset %1</source>
        <translation>로그 끝 오프셋 %1</translation>
    </message>
    <message>
        <source>log start offset %1</source>
        <translation>로그 시작 오프셋 %1</translation>
    </message>
    <message>
        <source>%1 at offset %2</source>
        <translation>%1 오프셋 %2</translation>
    </message>
    <message>
        <source>%1 acknowledged</source>
        <translation>%1개 확인됨</translation>
    </message>
    <message>
        <source>%1 refused</source>
        <translation>%1개 거부됨</translation>
    </message>
    <message>
        <source>%1 lost</source>
        <translation>%1개 유실</translation>
    </message>
    <message>
        <source>expect %1: %2</source>
        <translation>확인 %1: %2</translation>
    </message>
    <message>
        <source>&lt;b&gt;Scenario:&lt;/b&gt; %1 &lt;span style=&apos;color:gray&apos;&gt;(%2, seed %3)&lt;/span&gt;</source>
        <translation>&lt;b&gt;시나리오:&lt;/b&gt; %1 &lt;span style=&apos;color:gray&apos;&gt;(%2, 시드 %3)&lt;/span&gt;</translation>
    </message>
    <message>
        <source>Scenario time: engine time since the scenario started</source>
        <translation>시나리오 시간: 시나리오 시작 이후의 엔진 시간</translation>
    </message>
    <message>
        <source>Scenario seconds per wall-clock second</source>
        <translation>실제 1초당 흐르는 시나리오 초</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Step to next action</source>
        <translation>다음 동작으로</translation>
    </message>
    <message>
        <source>Jump to the next action&apos;s time and run it</source>
        <translation>다음 동작의 시각으로 건너뛰어 실행합니다</translation>
    </message>
    <message>
        <source>Back to live cluster</source>
        <translation>라이브 클러스터로 돌아가기</translation>
    </message>
    <message>
        <source>End the scenario (its cluster is discarded) and show the live cluster again</source>
        <translation>시나리오를 끝내고(그 클러스터는 버려집니다) 라이브 클러스터를 다시 보여 줍니다</translation>
    </message>
    <message>
        <source>The scenario&apos;s expects as they are checked</source>
        <translation>시나리오의 expect 검사 결과(검사되는 순서대로)</translation>
    </message>
    <message>
        <source>Speed:</source>
        <translation>속도:</translation>
    </message>
    <message>
        <source>create topic %1 (%2 partitions, replication factor %3)</source>
        <translation>토픽 %1 생성 (파티션 %2개, 복제 계수 %3)</translation>
    </message>
    <message>
        <source>produce %1 records to %2 (acks=%3)</source>
        <translation>%2에 레코드 %1개 전송 (acks=%3)</translation>
    </message>
    <message>
        <source>crash %1</source>
        <translation>%1 장애 발생</translation>
    </message>
    <message>
        <source>restart %1</source>
        <translation>%1 재시작</translation>
    </message>
    <message>
        <source>isolate %1 from the other brokers</source>
        <translation>%1을(를) 다른 브로커와 격리</translation>
    </message>
    <message>
        <source>heal %1&apos;s network</source>
        <translation>%1의 네트워크 복구</translation>
    </message>
    <message>
        <source>%1&apos;s follower fetches back to normal</source>
        <translation>%1의 팔로워 fetch를 정상 속도로</translation>
    </message>
    <message>
        <source>preferred leader election for %1-%2</source>
        <translation>%1-%2 선호 리더 선출</translation>
    </message>
    <message>
        <source>let %1 pass</source>
        <translation>%1 경과</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Stop scenario time (the cluster waits)</source>
        <translation>시나리오 시간을 멈춥니다 (클러스터가 기다립니다)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; of %2</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; / %2</translation>
    </message>
    <message>
        <source>Finished.</source>
        <translation>끝났습니다.</translation>
    </message>
    <message>
        <source>Next at %1 (line %2): %3</source>
        <translation>다음 %1 (%2행): %3</translation>
    </message>
    <message>
        <source>Next: the end at %1</source>
        <translation>다음: %1에 종료</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c0392b&apos;&gt;%1 passed, %2 failed&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c0392b&apos;&gt;%1개 통과, %2개 실패&lt;/span&gt;</translation>
    </message>
    <message>
        <source>%1 passed</source>
        <translation>%1개 통과</translation>
    </message>
    <message>
        <source>✓ %1 (line %2): %3</source>
        <translation>✓ %1 (%2행): %3</translation>
    </message>
    <message>
        <source>✗ %1 (line %2): %3</source>
        <translation>✗ %1 (%2행): %3</translation>
    </message>
    <message>
        <source>Passed: %1</source>
        <translation>통과: %1</translation>
    </message>
    <message>
        <source>Failed: %1
%2</source>
        <translation>실패: %1
%2</translation>
    </message>
    <message>
        <source>state %1</source>
        <translation>상태 %1</translation>
    </message>
    <message>
        <source>generation %1</source>
        <translation>세대 %1</translation>
    </message>
    <message>
        <source>members %1</source>
        <translation>멤버 %1</translation>
    </message>
    <message>
        <source>lag %1</source>
        <translation>랙 %1</translation>
    </message>
    <message>
        <source>no owner</source>
        <translation>소유자 없음</translation>
    </message>
    <message>
        <source>owner consumer #%1</source>
        <translation>소유자 컨슈머 #%1</translation>
    </message>
    <message>
        <source>owner %1</source>
        <translation>소유자 %1</translation>
    </message>
    <message>
        <source>committed offset %1</source>
        <translation>커밋된 오프셋 %1</translation>
    </message>
    <message>
        <source>lag status %1</source>
        <translation>랙 상태 %1</translation>
    </message>
    <message>
        <source>%1 checked</source>
        <translation>%1건 검사</translation>
    </message>
    <message>
        <source>duplicates %1</source>
        <translation>중복 %1</translation>
    </message>
    <message>
        <source>per-key violations %1</source>
        <translation>키별 순서 위반 %1</translation>
    </message>
    <message>
        <source>gaps %1</source>
        <translation>누락 %1</translation>
    </message>
    <message>
        <source>global inversions %1</source>
        <translation>전역 순서 역전 %1</translation>
    </message>
    <message>
        <source>group %1</source>
        <translation>그룹 %1</translation>
    </message>
    <message>
        <source>group %1, %2</source>
        <translation>그룹 %1, %2</translation>
    </message>
    <message>
        <source>consumer #%1</source>
        <translation>컨슈머 #%1</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>다시 재생</translation>
    </message>
    <message>
        <source>Play this scenario again from the start, on a fresh cluster</source>
        <translation>이 시나리오를 새 클러스터에서 처음부터 다시 재생합니다</translation>
    </message>
    <message>
        <source>slow %1&apos;s follower fetches by %2</source>
        <translation>%1의 팔로워 페치를 %2 늦춤</translation>
    </message>
    <message>
        <source>start a producer on %1 (%2 records/s)</source>
        <translation>%1에 프로듀서 시작(초당 레코드 %2개)</translation>
    </message>
    <message>
        <source>stop the producer on %1</source>
        <translation>%1의 프로듀서 중지</translation>
    </message>
    <message numerus="yes">
        <source>start group %1: %n consumer(s), assignor %2</source>
        <translation>
            <numerusform>그룹 %1 시작: 컨슈머 %n개, 할당자 %2</numerusform>
        </translation>
    </message>
    <message>
        <source>add a consumer to group %1</source>
        <translation>그룹 %1에 컨슈머 추가</translation>
    </message>
    <message>
        <source>crash %1 of group %2</source>
        <translation>그룹 %2의 %1 비정상 종료</translation>
    </message>
    <message>
        <source>%1 of group %2 leaves (LeaveGroup)</source>
        <translation>그룹 %2의 %1이(가) 떠남(LeaveGroup)</translation>
    </message>
    <message>
        <source>%1 of group %2 stops polling</source>
        <translation>그룹 %2의 %1이(가) 폴링을 멈춤</translation>
    </message>
    <message>
        <source>%1 of group %2 polls again</source>
        <translation>그룹 %2의 %1이(가) 다시 폴링함</translation>
    </message>
    <message>
        <source>stop every consumer of group %1</source>
        <translation>그룹 %1의 모든 컨슈머 중지</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Let scenario time run</source>
        <translation>시나리오 시간을 흐르게 합니다</translation>
    </message>
    <message>
        <source>&lt;b&gt;Paused&lt;/b&gt;: press Play</source>
        <translation>&lt;b&gt;일시 정지됨&lt;/b&gt;: 재생을 누르세요</translation>
    </message>
</context>
<context>
    <name>ProducerPanel</name>
    <message>
        <source>Producer</source>
        <translation>프로듀서</translation>
    </message>
    <message>
        <source>The topic to send to</source>
        <translation>보낼 토픽</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>토픽</translation>
    </message>
    <message>
        <source>e.g. order-100</source>
        <translation>예: order-100</translation>
    </message>
    <message>
        <source>Records with the same key go to the same partition (while the partition count stays the same), so they stay in order.</source>
        <translation>키가 같은 레코드는 (파티션 수가 그대로인 동안) 같은 파티션으로 가므로 순서가 유지됩니다.</translation>
    </message>
    <message>
        <source>null key</source>
        <translation>null 키</translation>
    </message>
    <message>
        <source>Send without a key: the partitioner spreads keyless records (sticky or round-robin).</source>
        <translation>키 없이 보내기: 파티셔너가 키 없는 레코드를 분산합니다(스티키 또는 라운드 로빈).</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>키</translation>
    </message>
    <message>
        <source>value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Header key</source>
        <translation>헤더 키</translation>
    </message>
    <message>
        <source>Header value</source>
        <translation>헤더 값</translation>
    </message>
    <message>
        <source>+</source>
        <translation>+</translation>
    </message>
    <message>
        <source>Add a header row</source>
        <translation>헤더 행 추가</translation>
    </message>
    <message>
        <source>−</source>
        <translation>−</translation>
    </message>
    <message>
        <source>Remove the selected header row</source>
        <translation>선택한 헤더 행 삭제</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>헤더</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>&quot;auto&quot; lets the partitioner choose; a number sends to that partition directly (the key is then not used for placement).</source>
        <translation>&quot;자동&quot;이면 파티셔너가 고르고, 숫자를 넣으면 그 파티션으로 바로 보냅니다(이때 키는 배치에 쓰이지 않음).</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>파티션</translation>
    </message>
    <message>
        <source>default (murmur2, Java client)</source>
        <translation>기본 (murmur2, Java 클라이언트)</translation>
    </message>
    <message>
        <source>crc32 (librdkafka consistent_random)</source>
        <translation>crc32 (librdkafka consistent_random)</translation>
    </message>
    <message>
        <source>round-robin</source>
        <translation>라운드 로빈</translation>
    </message>
    <message>
        <source>uniform sticky (KIP-794)</source>
        <translation>균등 스티키 (KIP-794)</translation>
    </message>
    <message>
        <source>How the client picks a partition. Java: murmur2(key) &amp; 0x7fffffff % N; librdkafka: crc32(key) % N. Different clients put the same key on different partitions!</source>
        <translation>클라이언트가 파티션을 고르는 방법. Java: murmur2(key) &amp; 0x7fffffff % N; librdkafka: crc32(key) % N. 클라이언트가 다르면 같은 키도 다른 파티션으로 갑니다!</translation>
    </message>
    <message>
        <source>Partitioner</source>
        <translation>파티셔너</translation>
    </message>
    <message>
        <source>compression.type: the whole batch is compressed; the broker stores it as sent.</source>
        <translation>compression.type: 배치 전체를 압축하며, 브로커는 받은 그대로 저장합니다.</translation>
    </message>
    <message>
        <source>Compression</source>
        <translation>압축</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>보내기</translation>
    </message>
    <message>
        <source>Where each record went (partition @ offset) and the rule that chose the partition</source>
        <translation>각 레코드가 간 곳(파티션 @ 오프셋)과 그 파티션을 고른 규칙</translation>
    </message>
    <message>
        <source>Auto-producer</source>
        <translation>자동 프로듀서</translation>
    </message>
    <message>
        <source> rec/s</source>
        <translation> 건/초</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>속도</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>무제한</translation>
    </message>
    <message>
        <source>Stop after this many records; 0 = until stopped</source>
        <translation>이만큼 보낸 뒤 멈춤; 0 = 멈출 때까지</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>개수</translation>
    </message>
    <message>
        <source>uniform over K keys</source>
        <translation>K개 키에 균등</translation>
    </message>
    <message>
        <source>Zipf (skewed: a hot key)</source>
        <translation>Zipf (치우침: 핫 키)</translation>
    </message>
    <message>
        <source>null keys</source>
        <translation>null 키</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>키</translation>
    </message>
    <message>
        <source>K: keys key-0 .. key-(K-1)</source>
        <translation>K: 키 key-0 .. key-(K-1)</translation>
    </message>
    <message>
        <source>K</source>
        <translation>K</translation>
    </message>
    <message>
        <source>Zipf exponent s: P(key-k) ~ 1/(k+1)^s; larger = hotter key-0</source>
        <translation>Zipf 지수 s: P(key-k) ~ 1/(k+1)^s; 클수록 key-0이 더 뜨거움</translation>
    </message>
    <message>
        <source>Zipf exponent</source>
        <translation>Zipf 지수</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> 바이트</translation>
    </message>
    <message>
        <source>Value size</source>
        <translation>값 크기</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Send one record to %1</source>
        <translation>%1에 레코드 하나 보내기</translation>
    </message>
    <message>
        <source>Create a topic first (Topics panel)</source>
        <translation>먼저 토픽을 만드세요(토픽 패널)</translation>
    </message>
    <message>
        <source>Choose a topic first.</source>
        <translation>먼저 토픽을 고르세요.</translation>
    </message>
    <message>
        <source>→ %1-%2 @ offset %3</source>
        <translation>→ %1-%2 @ 오프셋 %3</translation>
    </message>
    <message>
        <source>%1: %2
%3</source>
        <translation>%1: %2
%3</translation>
    </message>
    <message>
        <source>Start sending generated records to %1</source>
        <translation>%1에 생성한 레코드 보내기 시작</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>all: every in-sync replica has it</source>
        <translation>all: 모든 동기화 복제본이 받음</translation>
    </message>
    <message>
        <source>1: the leader wrote it</source>
        <translation>1: 리더가 기록함</translation>
    </message>
    <message>
        <source>0: don&apos;t wait for an answer</source>
        <translation>0: 응답을 기다리지 않음</translation>
    </message>
    <message>
        <source>acks=all (Kafka&apos;s default since 3.0): acknowledged once every ISR member has the record. Refused with NOT_ENOUGH_REPLICAS when the ISR is smaller than min.insync.replicas.</source>
        <translation>acks=all (Kafka 3.0부터 기본값): ISR의 모든 복제본이 레코드를 받으면 확인됩니다. ISR이 min.insync.replicas보다 작으면 NOT_ENOUGH_REPLICAS로 거부됩니다.</translation>
    </message>
    <message>
        <source>acks=1: acknowledged as soon as the leader appended it. Lost if the leader dies before a follower copied it.</source>
        <translation>acks=1: 리더가 추가하자마자 확인됩니다. 팔로워가 복사하기 전에 리더가 죽으면 유실됩니다.</translation>
    </message>
    <message>
        <source>acks=0: the producer does not wait; it never learns about a failure.</source>
        <translation>acks=0: 프로듀서는 기다리지 않으므로 실패를 알 수 없습니다.</translation>
    </message>
    <message>
        <source>acks: when the broker answers the producer</source>
        <translation>acks: 브로커가 프로듀서에게 언제 응답하는가</translation>
    </message>
    <message>
        <source>acks</source>
        <translation>acks</translation>
    </message>
    <message>
        <source>sent, no acknowledgement awaited (acks=0)</source>
        <translation>보냄, 확인을 기다리지 않음 (acks=0)</translation>
    </message>
    <message>
        <source>acknowledged by the leader (acks=1)</source>
        <translation>리더가 확인함 (acks=1)</translation>
    </message>
    <message>
        <source>acknowledged by every in-sync replica (acks=all)</source>
        <translation>모든 동기화 복제본이 확인함 (acks=all)</translation>
    </message>
    <message>
        <source>refused (acks=%1)</source>
        <translation>거부됨 (acks=%1)</translation>
    </message>
    <message>
        <source>Starting an auto-producer: wait for the engine&apos;s answer</source>
        <translation>자동 프로듀서를 시작하는 중: 엔진의 응답을 기다리세요</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>설정 안 함</translation>
    </message>
    <message>
        <source>true</source>
        <translation>true</translation>
    </message>
    <message>
        <source>false</source>
        <translation>false</translation>
    </message>
    <message>
        <source>enable.idempotence: an idempotent producer gets a producer id and numbers its records per partition, so the leader drops a resent batch instead of writing it twice. Kafka 3.0+ turns it on by default; it needs acks=all and max.in.flight.requests.per.connection ≤ 5 (this panel sends one request at a time).</source>
        <translation>enable.idempotence: 멱등 프로듀서는 프로듀서 ID를 받고 파티션마다 레코드에 순번을 매깁니다. 그래서 리더는 다시 보낸 배치를 두 번 쓰지 않고 버립니다. Kafka 3.0+에서는 기본으로 켜져 있으며, acks=all과 max.in.flight.requests.per.connection ≤ 5가 필요합니다(이 패널은 요청을 한 번에 하나씩 보냅니다).</translation>
    </message>
    <message>
        <source>Idempotence</source>
        <translation>멱등성</translation>
    </message>
    <message>
        <source>off</source>
        <translation>꺼짐</translation>
    </message>
    <message>
        <source>Idempotence off (enable.idempotence=false): batches carry no producer id; a resent batch may be written twice.</source>
        <translation>멱등성 꺼짐(enable.idempotence=false): 배치에 프로듀서 ID가 없으므로 다시 보낸 배치가 두 번 쓰일 수 있습니다.</translation>
    </message>
    <message>
        <source>needs acks=all</source>
        <translation>acks=all 필요</translation>
    </message>
    <message>
        <source>enable.idempotence=true needs acks=all: with acks=%1 Java&apos;s producer refuses to start (ConfigException) and the send is refused.</source>
        <translation>enable.idempotence=true에는 acks=all이 필요합니다. acks=%1이면 Java 프로듀서는 시작을 거부하고(ConfigException) 전송도 거부됩니다.</translation>
    </message>
    <message>
        <source>off (acks=%1)</source>
        <translation>꺼짐 (acks=%1)</translation>
    </message>
    <message>
        <source>Idempotence off: acks=%1 turns the default enable.idempotence off (Java 3.0+ does it without a warning); batches carry no producer id.</source>
        <translation>멱등성 꺼짐: acks=%1이면 기본값인 enable.idempotence가 꺼집니다(Java 3.0+는 경고 없이 끕니다). 배치에 프로듀서 ID가 없습니다.</translation>
    </message>
    <message>
        <source>on: producer id %1, epoch %2</source>
        <translation>켜짐: 프로듀서 ID %1, 에포크 %2</translation>
    </message>
    <message>
        <source>Idempotent: producer id %1, epoch %2; each batch carries its sequence number per partition.</source>
        <translation>멱등: 프로듀서 ID %1, 에포크 %2. 배치마다 파티션별 순번이 들어 있습니다.</translation>
    </message>
    <message>
        <source>on</source>
        <translation>켜짐</translation>
    </message>
    <message>
        <source>Idempotent: the producer id and epoch come with the first send (InitProducerId).</source>
        <translation>멱등: 프로듀서 ID와 에포크는 첫 전송 때 받습니다(InitProducerId).</translation>
    </message>
    <message>
        <source>producer id %1, epoch %2, sequence %3</source>
        <translation>프로듀서 ID %1, 에포크 %2, 순번 %3</translation>
    </message>
    <message>
        <source>a duplicate: the leader already had it and answered with its first offset</source>
        <translation>중복: 리더에 이미 있어서 처음 받은 오프셋으로 응답했습니다</translation>
    </message>
</context>
<context>
    <name>RebalanceTimeline</name>
    <message>
        <source>&lt;b&gt;Rebalances&lt;/b&gt; (newest first): why, how long each phase took, which partitions moved</source>
        <translation>&lt;b&gt;리밸런스&lt;/b&gt; (최신 순): 원인, 단계별 소요 시간, 옮겨진 파티션</translation>
    </message>
    <message>
        <source>Gen.</source>
        <translation>세대</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Cause</source>
        <translation>원인</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>옮겨짐</translation>
    </message>
    <message>
        <source>The generation this rebalance produced</source>
        <translation>이 리밸런스가 만든 세대</translation>
    </message>
    <message>
        <source>PreparingRebalance: waiting for members to join; CompletingRebalance: waiting for the leader&apos;s assignment; then Stable</source>
        <translation>PreparingRebalance: 멤버 참여 대기, CompletingRebalance: 리더의 할당 대기, 그다음 Stable</translation>
    </message>
    <message>
        <source>Partitions that changed owner (cooperative-sticky revokes only these; eager assignors revoke all)</source>
        <translation>주인이 바뀐 파티션 (cooperative-sticky는 이것만 회수, eager 어사이너는 전부 회수)</translation>
    </message>
    <message>
        <source>no rebalance yet</source>
        <translation>아직 리밸런스 없음</translation>
    </message>
    <message>
        <source>Preparing → Completing</source>
        <translation>준비 → 마무리</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <source>%1 ms since the epoch</source>
        <translation>에포크 이후 %1 ms</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1바이트</translation>
    </message>
    <message>
        <source>Null key: no key, no colour</source>
        <translation>null 키: 키도 색도 없음</translation>
    </message>
    <message>
        <source>Null value (a tombstone)</source>
        <translation>null 값 (툼스톤)</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>오프셋</translation>
    </message>
    <message>
        <source>Timestamp</source>
        <translation>타임스탬프</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>키</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>헤더</translation>
    </message>
</context>
<context>
    <name>ReplicaTiles</name>
    <message>
        <source>LEO %1</source>
        <translation>LEO %1</translation>
    </message>
    <message>
        <source>LEO %1 (lag %2)</source>
        <translation>LEO %1 (지연 %2)</translation>
    </message>
    <message>
        <source>HW %1</source>
        <translation>HW %1</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>에포크 %1</translation>
    </message>
    <message>
        <source>no replicas here</source>
        <translation>여기에는 복제본이 없음</translation>
    </message>
</context>
<context>
    <name>ScenarioMenu</name>
    <message>
        <source>Scenario</source>
        <translation>시나리오</translation>
    </message>
    <message>
        <source>Play scenario file…</source>
        <translation>시나리오 파일 재생…</translation>
    </message>
    <message>
        <source>Play a scenario (JSON, see docs/SCENARIOS.md) on a fresh simulated cluster</source>
        <translation>시나리오(JSON, docs/SCENARIOS.md 참고)를 새 시뮬레이션 클러스터에서 재생합니다</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>예제</translation>
    </message>
    <message>
        <source>Back to live cluster</source>
        <translation>라이브 클러스터로 돌아가기</translation>
    </message>
    <message>
        <source>Play scenario</source>
        <translation>시나리오 재생</translation>
    </message>
    <message>
        <source>Scenarios (*.json);;All files (*)</source>
        <translation>시나리오 (*.json);;모든 파일 (*)</translation>
    </message>
</context>
<context>
    <name>ScenarioSession</name>
    <message>
        <source>Cannot create a temporary directory for the scenario&apos;s brokers: %1</source>
        <translation>시나리오 브로커용 임시 디렉터리를 만들 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Cannot open the scenario&apos;s cluster: %1</source>
        <translation>시나리오 클러스터를 열 수 없습니다: %1</translation>
    </message>
</context>
<context>
    <name>ScenarioWorkspace</name>
    <message>
        <source>%1: cannot read the file: %2</source>
        <translation>%1: 파일을 읽을 수 없습니다: %2</translation>
    </message>
    <message>
        <source>No scenario is playing</source>
        <translation>재생 중인 시나리오가 없습니다</translation>
    </message>
    <message>
        <source>%1: is a directory, not a scenario file (give a .json file)</source>
        <translation>%1: 시나리오 파일이 아니라 디렉터리입니다 (.json 파일을 지정하세요)</translation>
    </message>
</context>
<context>
    <name>SegmentBrowser</name>
    <message>
        <source>The replica directory on the partition leader: one .log/.index/.timeindex triple per segment, named by base offset.</source>
        <translation>파티션 리더의 복제본 디렉터리: 세그먼트마다 .log/.index/.timeindex 세 파일이 있고 이름은 기준 오프셋입니다.</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>토픽</translation>
    </message>
    <message>
        <source>Partition</source>
        <translation>파티션</translation>
    </message>
    <message>
        <source>Relative offset</source>
        <translation>상대 오프셋</translation>
    </message>
    <message>
        <source>Offset</source>
        <translation>오프셋</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>The sparse offset index: every index.interval.bytes of batches, a (relative offset → byte position) entry lets a read seek close to an offset without scanning the file.</source>
        <translation>희소 오프셋 인덱스: 배치가 index.interval.bytes만큼 쌓일 때마다 (상대 오프셋 → 바이트 위치) 항목을 두어, 파일을 훑지 않고 오프셋 근처로 바로 찾아갑니다.</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>배치</translation>
    </message>
    <message>
        <source>Offset index (.index)</source>
        <translation>오프셋 인덱스 (.index)</translation>
    </message>
    <message>
        <source>Segment files</source>
        <translation>세그먼트 파일</translation>
    </message>
    <message>
        <source>Records of the selected batch</source>
        <translation>선택한 배치의 레코드</translation>
    </message>
    <message>
        <source>%1 (leader broker-%2)</source>
        <translation>%1 (리더 브로커-%2)</translation>
    </message>
    <message>
        <source>No topic yet: create one to see its files.</source>
        <translation>아직 토픽이 없습니다: 토픽을 만들면 파일이 보입니다.</translation>
    </message>
    <message>
        <source>No partition %1 in topic %2</source>
        <translation>토픽 %2에 파티션 %1이 없습니다</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1을(를) 읽을 수 없습니다: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n batch(es), %1 of %2 bytes</source>
        <translation>
            <numerusform>배치 %n개, %2바이트 중 %1바이트</numerusform>
        </translation>
    </message>
    <message>
        <source>Showing the first %1 batches only.</source>
        <translation>처음 %1개 배치만 보여 줍니다.</translation>
    </message>
    <message>
        <source>Showing the first %1 records only; the batch header says it holds %2.</source>
        <translation>처음 %1개 레코드만 보여 줍니다. 배치 헤더에는 레코드가 %2개라고 적혀 있습니다.</translation>
    </message>
    <message>
        <source>Records with more than %1 headers show their first %1.</source>
        <translation>헤더가 %1개보다 많은 레코드는 처음 %1개 헤더만 보여 줍니다.</translation>
    </message>
    <message>
        <source>Showing the first %1 index entries only.</source>
        <translation>처음 %1개 인덱스 항목만 보여 줍니다.</translation>
    </message>
    <message>
        <source>Scan stopped: %1</source>
        <translation>읽기 중단: %1</translation>
    </message>
    <message>
        <source>Select a batch to decode its records.</source>
        <translation>배치를 고르면 레코드를 디코딩해 보여 줍니다.</translation>
    </message>
    <message>
        <source>Cannot decode the batch at position %1: %2</source>
        <translation>위치 %1의 배치를 디코딩할 수 없습니다: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s), uncompressed</source>
        <translation>
            <numerusform>레코드 %n개, 압축 안 됨</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n record(s), decompressed from %1</source>
        <translation>
            <numerusform>레코드 %n개, %1 압축 해제</numerusform>
        </translation>
    </message>
    <message>
        <source>No index entries yet: Kafka adds one each time more than index.interval.bytes (%1 bytes) of batches were appended since the last entry; this segment holds %2 bytes.</source>
        <translation>아직 인덱스 항목이 없습니다: Kafka는 마지막 항목 이후 index.interval.bytes(%1바이트)보다 많은 배치가 추가될 때마다 항목을 하나 씁니다. 이 세그먼트는 %2바이트입니다.</translation>
    </message>
    <message>
        <source>Reading the batches of %1…</source>
        <translation>%1의 배치를 읽는 중…</translation>
    </message>
    <message>
        <source>Decoding the records of the batch at position %1…</source>
        <translation>위치 %1의 배치에서 레코드를 디코딩하는 중…</translation>
    </message>
</context>
<context>
    <name>SegmentTableModel</name>
    <message>
        <source>%1 (empty)</source>
        <translation>%1 (비어 있음)</translation>
    </message>
    <message>
        <source>%1 .. %2</source>
        <translation>%1 .. %2</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>active</source>
        <translation>활성</translation>
    </message>
    <message>
        <source>%1 bytes in the .log file</source>
        <translation>.log 파일에 %1바이트</translation>
    </message>
    <message>
        <source>Base offset %1 (the file name) up to next offset %2: the offset the next record after this segment gets.</source>
        <translation>기준 오프셋 %1(파일 이름)부터 다음 오프셋 %2까지: 이 세그먼트 다음 레코드가 받을 오프셋.</translation>
    </message>
    <message>
        <source>Entries in the sparse .index file (one per index.interval.bytes of batches): relative offset → byte position.</source>
        <translation>희소 .index 파일의 항목 수(배치 index.interval.bytes마다 하나): 상대 오프셋 → 바이트 위치.</translation>
    </message>
    <message>
        <source>Entries in the .timeindex file: largest timestamp so far → relative offset.</source>
        <translation>.timeindex 파일의 항목 수: 지금까지 가장 큰 타임스탬프 → 상대 오프셋.</translation>
    </message>
    <message>
        <source>The active segment: appends go here; it rolls at segment.bytes or segment.ms.</source>
        <translation>활성 세그먼트: 추가는 여기로 가며, segment.bytes 또는 segment.ms에 이르면 롤됩니다.</translation>
    </message>
    <message>
        <source>A closed segment: read-only, deleted whole by retention.</source>
        <translation>닫힌 세그먼트: 읽기 전용이며 보존 정책에 따라 통째로 삭제됩니다.</translation>
    </message>
    <message>
        <source>Segment file</source>
        <translation>세그먼트 파일</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>크기</translation>
    </message>
    <message>
        <source>Offsets</source>
        <translation>오프셋</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>레코드</translation>
    </message>
    <message>
        <source>Time range</source>
        <translation>시간 범위</translation>
    </message>
    <message>
        <source>.index</source>
        <translation>.index</translation>
    </message>
    <message>
        <source>.timeindex</source>
        <translation>.timeindex</translation>
    </message>
    <message>
        <source>State</source>
        <translation>상태</translation>
    </message>
</context>
<context>
    <name>Shell</name>
    <message>
        <source>Kafka Lab — scenario: %1</source>
        <translation>Kafka Lab — 시나리오: %1</translation>
    </message>
    <message>
        <source>Cannot play the scenario</source>
        <translation>시나리오를 재생할 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot open the cluster</source>
        <translation>클러스터를 열 수 없습니다</translation>
    </message>
    <message>
        <source>Kafka Lab cannot open the cluster in %1:

%2

Repair or move the file named above, or start Kafka Lab on another data directory (kafkalab --data-dir DIR).</source>
        <translation>Kafka Lab이 %1의 클러스터를 열 수 없습니다:

%2

위에 적힌 파일을 고치거나 옮기세요. 또는 다른 데이터 디렉터리로 Kafka Lab을 시작하세요 (kafkalab --data-dir DIR).</translation>
    </message>
</context>
<context>
    <name>ThroughputChart</name>
    <message>
        <source>records per second: produced by all producers, consumed by each group</source>
        <translation>초당 레코드: 모든 프로듀서가 생산, 그룹마다 소비</translation>
    </message>
    <message>
        <source>produced</source>
        <translation>생산</translation>
    </message>
    <message>
        <source>consumed by %1</source>
        <translation>%1 소비</translation>
    </message>
    <message>
        <source>Throughput: records produced</source>
        <translation>처리량: 생산된 레코드</translation>
    </message>
    <message>
        <source>Throughput: records produced, consumed by %1</source>
        <translation>처리량: 생산된 레코드, %1의 소비</translation>
    </message>
    <message>
        <source>rate (records/s)</source>
        <translation>속도 (레코드/초)</translation>
    </message>
</context>
<context>
    <name>TopicAdminPanel</name>
    <message>
        <source>%1: %2
%3</source>
        <translation>%1: %2
%3</translation>
    </message>
    <message>
        <source>Create topic</source>
        <translation>토픽 만들기</translation>
    </message>
    <message>
        <source>e.g. orders</source>
        <translation>예: orders</translation>
    </message>
    <message>
        <source>1 to 249 characters: a-z, A-Z, 0-9, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;; not &quot;.&quot; or &quot;..&quot;</source>
        <translation>1~249자: a-z, A-Z, 0-9, &apos;.&apos;, &apos;_&apos;, &apos;-&apos;; &quot;.&quot;과 &quot;..&quot;은 안 됨</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>Partitions are the unit of parallelism and ordering: a key&apos;s records stay in order within one partition.</source>
        <translation>파티션은 병렬 처리와 순서의 단위입니다: 한 키의 레코드는 한 파티션 안에서 순서를 지킵니다.</translation>
    </message>
    <message>
        <source>Partitions</source>
        <translation>파티션 수</translation>
    </message>
    <message>
        <source>Copies of each partition, on different brokers: at most the broker count.</source>
        <translation>파티션마다 서로 다른 브로커에 두는 복제본 수: 최대 브로커 수까지.</translation>
    </message>
    <message>
        <source>Replication factor</source>
        <translation>복제 계수</translation>
    </message>
    <message>
        <source>segment.bytes: the active segment rolls when it reaches this size (Kafka&apos;s default is 1 GiB; here 1 MiB so rolls are visible).</source>
        <translation>segment.bytes: 활성 세그먼트가 이 크기에 이르면 롤됩니다(Kafka 기본값은 1 GiB, 여기서는 롤이 보이도록 1 MiB).</translation>
    </message>
    <message>
        <source>segment.bytes</source>
        <translation>segment.bytes</translation>
    </message>
    <message>
        <source>retention.ms: closed segments whose newest record is older than this are deleted; -1 = keep forever.</source>
        <translation>retention.ms: 가장 새 레코드가 이보다 오래된 닫힌 세그먼트는 삭제됩니다; -1 = 영구 보관.</translation>
    </message>
    <message>
        <source>retention.ms</source>
        <translation>retention.ms</translation>
    </message>
    <message>
        <source>retention.bytes: per partition; the oldest segments are deleted while the log is larger; -1 = unlimited.</source>
        <translation>retention.bytes: 파티션별; 로그가 이보다 크면 가장 오래된 세그먼트부터 삭제됩니다; -1 = 무제한.</translation>
    </message>
    <message>
        <source>retention.bytes</source>
        <translation>retention.bytes</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>만들기</translation>
    </message>
    <message>
        <source>Current topic</source>
        <translation>현재 토픽</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>토픽</translation>
    </message>
    <message>
        <source>The new TOTAL partition count. Partitions can only be added; keyed records then map to other partitions (hash % N changed).</source>
        <translation>새 파티션 총수. 파티션은 늘릴 수만 있으며, 늘리면 키가 있는 레코드가 다른 파티션으로 갈 수 있습니다(hash % N이 바뀜).</translation>
    </message>
    <message>
        <source>Add partitions</source>
        <translation>파티션 추가</translation>
    </message>
    <message>
        <source>New total</source>
        <translation>새 총수</translation>
    </message>
    <message>
        <source>Delete topic…</source>
        <translation>토픽 삭제…</translation>
    </message>
    <message>
        <source>Enter a topic name.</source>
        <translation>토픽 이름을 입력하세요.</translation>
    </message>
    <message>
        <source>&quot;.&quot; and &quot;..&quot; are not allowed as topic names.</source>
        <translation>&quot;.&quot;과 &quot;..&quot;은 토픽 이름으로 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>The name has %1 characters; at most %2 are allowed.</source>
        <translation>이름이 %1자입니다; 최대 %2자까지 됩니다.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; at position %2 is not allowed: use only letters a-z A-Z, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;.</source>
        <translation>%2번째 글자 &apos;%1&apos;은(는) 쓸 수 없습니다: 영문자 a-z A-Z, 숫자, &apos;.&apos;, &apos;_&apos;, &apos;-&apos;만 쓰세요.</translation>
    </message>
    <message>
        <source>A topic needs at least 1 partition.</source>
        <translation>토픽에는 파티션이 1개 이상 있어야 합니다.</translation>
    </message>
    <message>
        <source>At most %1 partitions per topic in this lab.</source>
        <translation>이 실습에서는 토픽당 파티션을 최대 %1개까지 만들 수 있습니다.</translation>
    </message>
    <message>
        <source>The replication factor must be at least 1.</source>
        <translation>복제 계수는 1 이상이어야 합니다.</translation>
    </message>
    <message numerus="yes">
        <source>Replication factor %1 needs %1 brokers; the cluster has %n.</source>
        <translation>
            <numerusform>복제 계수 %1에는 브로커 %1개가 필요한데 클러스터에는 %n개뿐입니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>Topic %1 already exists.</source>
        <translation>토픽 %1이(가) 이미 있습니다.</translation>
    </message>
    <message>
        <source>Collides with topic %1: &apos;.&apos; and &apos;_&apos; mean the same in metric names.</source>
        <translation>토픽 %1과(와) 충돌합니다: 메트릭 이름에서 &apos;.&apos;과 &apos;_&apos;는 같게 취급됩니다.</translation>
    </message>
    <message>
        <source>Enter a whole number of bytes.</source>
        <translation>바이트 수를 정수로 입력하세요.</translation>
    </message>
    <message>
        <source>Must be between 1024 and %1 bytes.</source>
        <translation>1024에서 %1바이트 사이여야 합니다.</translation>
    </message>
    <message>
        <source>Enter milliseconds, or -1 to keep forever.</source>
        <translation>밀리초를 입력하세요(-1 = 영구 보관).</translation>
    </message>
    <message>
        <source>Enter bytes, or -1 for no size limit.</source>
        <translation>바이트 수를 입력하세요(-1 = 크기 제한 없음).</translation>
    </message>
    <message>
        <source>Creating %1…</source>
        <translation>%1 만드는 중…</translation>
    </message>
    <message>
        <source>Choose a topic first.</source>
        <translation>먼저 토픽을 고르세요.</translation>
    </message>
    <message>
        <source>Kafka cannot remove partitions: %1 has %2; enter a larger total.</source>
        <translation>Kafka는 파티션을 줄일 수 없습니다: %1에는 %2개가 있으니 더 큰 총수를 입력하세요.</translation>
    </message>
    <message>
        <source>%1 already has %2 partitions: enter the new total, larger than %2.</source>
        <translation>%1에는 이미 파티션이 %2개 있습니다: %2보다 큰 새 총수를 입력하세요.</translation>
    </message>
    <message>
        <source>Delete topic</source>
        <translation>토픽 삭제</translation>
    </message>
    <message>
        <source>Delete topic %1 and all its records and segment files? This cannot be undone.</source>
        <translation>토픽 %1과(와) 모든 레코드, 세그먼트 파일을 삭제할까요? 되돌릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Created %1.</source>
        <translation>%1을(를) 만들었습니다.</translation>
    </message>
    <message>
        <source>(none selected)</source>
        <translation>(선택 안 됨)</translation>
    </message>
    <message>
        <source>%1 (does not exist)</source>
        <translation>%1 (없음)</translation>
    </message>
    <message numerus="yes">
        <source>%1 — %n partition(s)</source>
        <translation>
            <numerusform>%1 — 파티션 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>Select an existing topic first</source>
        <translation>먼저 있는 토픽을 고르세요</translation>
    </message>
    <message>
        <source>Grow %1 to the new total</source>
        <translation>%1을(를) 새 총수로 늘리기</translation>
    </message>
    <message>
        <source>Delete %1 and its files</source>
        <translation>%1과(와) 파일 삭제</translation>
    </message>
    <message>
        <source>Validate and create the topic</source>
        <translation>검사 후 토픽 만들기</translation>
    </message>
    <message>
        <source>The cluster has not started yet</source>
        <translation>클러스터가 아직 시작되지 않았습니다</translation>
    </message>
    <message>
        <source>Kafka refuses this (INVALID_REQUEST): creation of internal topic __cluster_metadata is prohibited. It is the KRaft controllers&apos; metadata log, not a topic.</source>
        <translation>Kafka가 거부합니다(INVALID_REQUEST): 내부 토픽 __cluster_metadata는 만들 수 없습니다. 이것은 토픽이 아니라 KRaft 컨트롤러의 메타데이터 로그입니다.</translation>
    </message>
    <message>
        <source>Kafka Lab refuses this; Apache Kafka 4.x would create it, but its group coordinators keep hashing group ids over offsets.topic.num.partitions (50) until the brokers restart, so groups could find no coordinator. The lab creates __consumer_offsets itself, with 50 partitions, when the first consumer group starts.</source>
        <translation>Kafka Lab은 이것을 거부합니다. Apache Kafka 4.x라면 만들어 주지만, 그룹 코디네이터는 브로커가 재시작될 때까지 그룹 ID를 offsets.topic.num.partitions(50) 기준으로 해시하므로 그룹이 코디네이터를 찾지 못할 수 있습니다. 이 랩은 첫 컨슈머 그룹이 시작될 때 __consumer_offsets를 파티션 50개로 직접 만듭니다.</translation>
    </message>
    <message>
        <source>Kafka Lab refuses this; Apache Kafka 4.x would add the partitions, but a group&apos;s coordinator is the leader of partition hash(group.id) % partition count, so after the next broker restart groups would move to partitions that hold none of their committed offsets.</source>
        <translation>Kafka Lab은 이것을 거부합니다. Apache Kafka 4.x라면 파티션을 추가하지만, 그룹의 코디네이터는 hash(group.id) % 파티션 수 번 파티션의 리더이므로 다음 브로커 재시작 후 그룹들이 커밋된 오프셋이 하나도 없는 파티션으로 옮겨 갑니다.</translation>
    </message>
    <message>
        <source>Kafka Lab refuses this; Apache Kafka 4.x would delete __consumer_offsets, and every consumer group would lose its committed offsets and its coordinator&apos;s state.</source>
        <translation>Kafka Lab은 이것을 거부합니다. Apache Kafka 4.x라면 __consumer_offsets를 삭제하고, 모든 컨슈머 그룹이 커밋된 오프셋과 코디네이터 상태를 잃습니다.</translation>
    </message>
    <message>
        <source>Created %1. Apache Kafka 4.x accepts this name too, but it is one of Kafka&apos;s internal topics: the producer and group lists hide it, and the Cluster view shows it under &quot;Show internal topics&quot;.</source>
        <translation>%1을(를) 만들었습니다. Apache Kafka 4.x도 이 이름을 허용하지만 Kafka 내부 토픽 중 하나입니다. 프로듀서와 그룹 목록에서는 숨겨지고, 클러스터 보기에서는 &quot;내부 토픽 보기&quot;를 켜면 보입니다.</translation>
    </message>
</context>
<context>
    <name>TopicView</name>
    <message>
        <source>No topic selected</source>
        <translation>선택된 토픽 없음</translation>
    </message>
    <message>
        <source>Pick a topic in the navigator on the left, or create one in the panel on the right.</source>
        <translation>왼쪽 탐색기에서 토픽을 고르거나 오른쪽 패널에서 새로 만드세요.</translation>
    </message>
    <message>
        <source>Topic &quot;%1&quot; does not exist (any more).</source>
        <translation>토픽 &quot;%1&quot;이(가) 없습니다(삭제되었을 수 있음).</translation>
    </message>
    <message>
        <source>Topic %1</source>
        <translation>토픽 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n partition(s)</source>
        <translation>
            <numerusform>파티션 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>replication factor %1</source>
        <translation>복제 계수 %1</translation>
    </message>
    <message>
        <source>%1 records on disk</source>
        <translation>디스크의 레코드 %1개</translation>
    </message>
    <message numerus="yes">
        <source>%n segment(s)</source>
        <translation>
            <numerusform>세그먼트 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>segment.bytes %1</source>
        <translation>segment.bytes %1</translation>
    </message>
    <message>
        <source>Each key has one colour everywhere: its records&apos; cells, the producer and the files view. Same key, same partition (murmur2 % partitions).</source>
        <translation>키마다 어디서나 같은 색입니다: 레코드 칸, 프로듀서, 파일 보기. 같은 키는 같은 파티션으로 갑니다(murmur2 % 파티션 수).</translation>
    </message>
    <message>
        <source>Keys:</source>
        <translation>키:</translation>
    </message>
    <message numerus="yes">
        <source>+%n more</source>
        <translation>
            <numerusform>외 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>null key</source>
        <translation>null 키</translation>
    </message>
    <message>
        <source>No records yet: send some with the producer on the right.</source>
        <translation>아직 레코드가 없습니다. 오른쪽 프로듀서로 보내 보세요.</translation>
    </message>
    <message>
        <source>Hover a cell for its key, time and size; double-click a partition to open its segment files.</source>
        <translation>칸에 마우스를 올리면 키, 시각, 크기가 보입니다. 파티션을 더블클릭하면 세그먼트 파일이 열립니다.</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>%1 s</source>
        <translation>%1초</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1분 %2초</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1시간 %2분</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1밀리초</translation>
    </message>
    <message>
        <source> ms</source>
        <translation>밀리초</translation>
    </message>
</context>
<context>
    <name>kafkaerrors</name>
    <message>
        <source>No error.</source>
        <translation>오류 없음.</translation>
    </message>
    <message>
        <source>An unexpected failure on the broker.</source>
        <translation>브로커에서 예상치 못한 실패.</translation>
    </message>
    <message>
        <source>The requested offset is outside the partition&apos;s log.</source>
        <translation>요청한 오프셋이 파티션 로그 범위 밖입니다.</translation>
    </message>
    <message>
        <source>A record batch failed its size or CRC check.</source>
        <translation>레코드 배치가 크기 또는 CRC 검사를 통과하지 못했습니다.</translation>
    </message>
    <message>
        <source>The topic or partition does not exist.</source>
        <translation>토픽이나 파티션이 없습니다.</translation>
    </message>
    <message>
        <source>The partition has no leader right now.</source>
        <translation>지금 파티션에 리더가 없습니다.</translation>
    </message>
    <message>
        <source>This broker is not the partition&apos;s leader.</source>
        <translation>이 브로커는 파티션의 리더가 아닙니다.</translation>
    </message>
    <message>
        <source>The request did not complete in time.</source>
        <translation>요청이 제시간에 끝나지 않았습니다.</translation>
    </message>
    <message>
        <source>The broker is not running.</source>
        <translation>브로커가 실행 중이 아닙니다.</translation>
    </message>
    <message>
        <source>The record is larger than the topic&apos;s max.message.bytes.</source>
        <translation>레코드가 토픽의 max.message.bytes보다 큽니다.</translation>
    </message>
    <message>
        <source>The group&apos;s coordinator is not available.</source>
        <translation>그룹의 코디네이터를 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>This broker is not the group&apos;s coordinator.</source>
        <translation>이 브로커는 그룹의 코디네이터가 아닙니다.</translation>
    </message>
    <message>
        <source>The topic name is not a valid Kafka topic name.</source>
        <translation>올바른 Kafka 토픽 이름이 아닙니다.</translation>
    </message>
    <message>
        <source>The batch is larger than the segment size (segment.bytes).</source>
        <translation>배치가 세그먼트 크기(segment.bytes)보다 큽니다.</translation>
    </message>
    <message>
        <source>Fewer in-sync replicas than min.insync.replicas: nothing was written.</source>
        <translation>동기화 복제본이 min.insync.replicas보다 적어 아무것도 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>Written by the leader, but the ISR shrank below min.insync.replicas before it was replicated.</source>
        <translation>리더는 썼지만, 복제되기 전에 ISR이 min.insync.replicas 아래로 줄었습니다.</translation>
    </message>
    <message>
        <source>The member&apos;s generation is stale: the group has rebalanced.</source>
        <translation>멤버의 세대가 낡았습니다: 그룹이 리밸런스했습니다.</translation>
    </message>
    <message>
        <source>The coordinator does not know this member.</source>
        <translation>코디네이터가 이 멤버를 모릅니다.</translation>
    </message>
    <message>
        <source>The group is rebalancing: the member must rejoin.</source>
        <translation>그룹이 리밸런스 중입니다: 멤버가 다시 참가해야 합니다.</translation>
    </message>
    <message>
        <source>A topic with this name already exists.</source>
        <translation>같은 이름의 토픽이 이미 있습니다.</translation>
    </message>
    <message>
        <source>The partition count is invalid; Kafka can only increase it.</source>
        <translation>파티션 수가 올바르지 않습니다. Kafka는 늘리기만 할 수 있습니다.</translation>
    </message>
    <message>
        <source>The replication factor is larger than the number of brokers, or below 1.</source>
        <translation>복제 계수가 브로커 수보다 크거나 1보다 작습니다.</translation>
    </message>
    <message>
        <source>A configuration value is invalid.</source>
        <translation>설정 값이 올바르지 않습니다.</translation>
    </message>
    <message>
        <source>The request is malformed.</source>
        <translation>요청 형식이 잘못되었습니다.</translation>
    </message>
    <message>
        <source>The request breaks a topic policy of the cluster.</source>
        <translation>요청이 클러스터의 토픽 정책을 어깁니다.</translation>
    </message>
    <message>
        <source>The broker could not read or write its log files.</source>
        <translation>브로커가 로그 파일을 읽거나 쓰지 못했습니다.</translation>
    </message>
    <message>
        <source>See Kafka&apos;s documentation of this error code.</source>
        <translation>이 오류 코드에 대한 Kafka 문서를 참고하세요.</translation>
    </message>
    <message>
        <source>The connection to the broker broke (it may be down).</source>
        <translation>브로커와의 연결이 끊겼습니다(브로커가 죽었을 수 있음).</translation>
    </message>
    <message>
        <source>The idempotent producer&apos;s batch does not follow the last sequence number the leader has.</source>
        <translation>멱등 프로듀서의 배치가 리더가 가진 마지막 순번 다음 번호가 아닙니다.</translation>
    </message>
    <message>
        <source>The producer&apos;s epoch is older than the one the leader knows: a newer instance replaced it.</source>
        <translation>프로듀서의 에포크가 리더가 아는 것보다 오래되었습니다. 더 새로운 인스턴스가 대신하고 있습니다.</translation>
    </message>
</context>
</TS>
