<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
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
        <source>Detail</source>
        <translation>상세</translation>
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
        <source>%1 records produced</source>
        <translation>레코드 %1개 전송됨</translation>
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
        <source>Stop</source>
        <translation>중지</translation>
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
        <source>This panel&apos;s auto-producer is running: stop it first</source>
        <translation>이 패널의 자동 프로듀서가 실행 중입니다: 먼저 멈추세요</translation>
    </message>
    <message>
        <source>Start sending generated records to %1</source>
        <translation>%1에 생성한 레코드 보내기 시작</translation>
    </message>
    <message>
        <source>Stop the auto-producer</source>
        <translation>자동 프로듀서 멈추기</translation>
    </message>
    <message>
        <source>No auto-producer is running</source>
        <translation>실행 중인 자동 프로듀서가 없습니다</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>시작하는 중…</translation>
    </message>
    <message>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>∞</source>
        <translation>∞</translation>
    </message>
    <message>
        <source>running on %1: sent %2 of %3 at %4 rec/s</source>
        <translation>%1에서 실행 중: %3건 중 %2건 보냄, 초당 %4건</translation>
    </message>
    <message>
        <source>finished on %1: sent %2 of %3 (%4 rec/s)</source>
        <translation>%1에서 끝남: %3건 중 %2건 보냄 (초당 %4건)</translation>
    </message>
    <message numerus="yes">
        <source>%n other auto-producer(s) running</source>
        <translation>
            <numerusform>다른 자동 프로듀서 %n개 실행 중</numerusform>
        </translation>
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
</TS>
