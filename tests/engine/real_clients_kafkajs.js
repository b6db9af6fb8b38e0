// kafkajs 2.2.4 (npm, pinned by tests/js/package-lock.json; classic versions only) against a
// running kafkalab-broker (issue 11): its admin creates a topic (CreateTopics v3, sent to the
// controller Metadata names), its producer sends keyed records (Produce v7; its default
// partitioner is the Java client's murmur2, so each key lands where `kafkalab-cli partition`
// says), a consumer group reads every record back per key in order (FindCoordinator v2,
// JoinGroup v5, SyncGroup v3, Fetch v11, OffsetCommit v5), and admin.fetchOffsets sees the
// group's commits at the log end offsets; admin.describeConfigs (DescribeConfigs v2) reads the
// topic's configs and admin.alterConfigs (AlterConfigs) changes one.
// Usage: node real_clients_kafkajs.js BROKER CLI   (NODE_PATH: where npm ci put kafkajs)
'use strict'
const { spawn, execFileSync } = require('child_process')
const readline = require('readline')
const { Kafka, logLevel, ConfigResourceTypes } = require('kafkajs')

const [broker, cli] = process.argv.slice(2)
const RECORDS = 120
const TOPIC = 'js-orders'

function fail (message) {
  console.error('FAIL: ' + message)
  process.exit(1)
}

function startBroker () {
  const dir = require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'kafkajs-'))
  const proc = spawn(broker, ['--data-dir', dir, '--port-base', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  proc.stderr.on('data', d => { stderr += d })
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: proc.stdout })
    let listening = false
    lines.on('line', line => {
      if (listening || !line.startsWith('{')) return // events, then the summary at exit
      const event = JSON.parse(line)
      if (event.type !== 'listening') return
      listening = true
      const exited = new Promise(resolve => proc.on('exit', code => resolve(code)))
      resolve({ proc, bootstrap: event.bootstrap_servers.split(','), exited, stderr: () => stderr })
    })
    proc.on('exit', code => { if (!listening) reject(new Error('kafkalab-broker exited ' + code + ': ' + stderr)) })
  })
}

function cliPartition (key, partitions) {
  const out = execFileSync(cli, ['partition', '-n', String(partitions), '-k', key]).toString()
  return Number(/partition: (\d+)/.exec(out)[1])
}

async function main () {
  const { proc, bootstrap, exited, stderr } = await startBroker()
  const kafka = new Kafka({ clientId: 'kafkajs-test', brokers: bootstrap, logLevel: logLevel.ERROR })
  const admin = kafka.admin()
  try {
    await admin.connect()
    const created = await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 3, replicationFactor: 3 }], waitForLeaders: true })
    if (!created) fail('createTopics answered false (the topic existed?)')
    const meta = await admin.fetchTopicMetadata({ topics: [TOPIC] })
    if (meta.topics[0].partitions.length !== 3) fail('fetchTopicMetadata: ' + JSON.stringify(meta))
    // DescribeConfigs v2: the topic's min.insync.replicas, at its default.
    const described = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: TOPIC, configNames: ['min.insync.replicas', 'segment.bytes'] }],
      includeSynonyms: false
    })
    const entries = Object.fromEntries(described.resources[0].configEntries.map(e => [e.configName, e]))
    if (described.resources[0].errorCode !== 0 || Object.keys(entries).length !== 2 ||
        entries['min.insync.replicas'].configValue !== '1' || !entries['min.insync.replicas'].isDefault) {
      fail('describeConfigs: ' + JSON.stringify(described))
    }
    // AlterConfigs v0 (kafkajs' alterConfigs): the topic's configs become the ones given.
    const altered = await admin.alterConfigs({
      validateOnly: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: TOPIC, configEntries: [{ name: 'retention.ms', value: '3600000' }] }]
    })
    if (altered.resources.length !== 1 || altered.resources[0].errorCode !== 0) fail('alterConfigs: ' + JSON.stringify(altered))
    const after = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: TOPIC, configNames: ['retention.ms'] }], includeSynonyms: false
    })
    const retention = after.resources[0].configEntries[0]
    if (retention.configValue !== '3600000' || retention.isDefault) fail('after alterConfigs: ' + JSON.stringify(after))

    const producer = kafka.producer()
    await producer.connect()
    const messages = []
    for (let i = 0; i < RECORDS; i++) messages.push({ key: 'k-' + (i % 8), value: String(i) })
    for (let i = 0; i < RECORDS; i += 20) await producer.send({ topic: TOPIC, acks: -1, messages: messages.slice(i, i + 20) })
    await producer.disconnect()

    const consumer = kafka.consumer({ groupId: 'js-group', sessionTimeout: 10000, heartbeatInterval: 1000 })
    await consumer.connect()
    await consumer.subscribe({ topics: [TOPIC], fromBeginning: true })
    const seen = []
    let resolveAll
    const all = new Promise(resolve => { resolveAll = resolve })
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        seen.push({ partition, offset: Number(message.offset), key: message.key.toString(), value: Number(message.value.toString()) })
        if (seen.length === RECORDS) resolveAll()
      }
    })
    const timeout = setTimeout(() => fail('the kafkajs group read ' + seen.length + ' of ' + RECORDS), 60000)
    await all
    clearTimeout(timeout)
    await consumer.commitOffsets([]) // autoCommit already sent them; make sure nothing is pending
    await consumer.disconnect()

    const last = {}
    for (const r of seen) {
      if (r.partition !== cliPartition(r.key, 3)) fail(`key ${r.key} is in partition ${r.partition}, kafkalab-cli partition says otherwise`)
      if ((last[r.key] ?? -1) > r.value) fail(`key ${r.key} read out of order`)
      last[r.key] = r.value
    }
    const values = seen.map(r => r.value).sort((a, b) => a - b)
    if (values.some((v, i) => v !== i)) fail('records lost or changed')

    const ends = await admin.fetchTopicOffsets(TOPIC)
    const committed = await admin.fetchOffsets({ groupId: 'js-group', topics: [TOPIC] })
    for (const p of committed[0].partitions) {
      const end = ends.find(e => e.partition === p.partition)
      if (p.offset !== end.offset) fail(`js-group committed ${p.offset} at partition ${p.partition}, the log ends at ${end.offset}`)
    }
    console.log(`ok: kafkajs created ${TOPIC}, produced ${RECORDS} keyed records where murmur2 puts them, and its group read them back and committed ${JSON.stringify(ends.map(e => e.offset))}`)
  } finally {
    await admin.disconnect()
    proc.kill('SIGTERM')
  }
  const code = await exited
  if (code !== 0) fail('kafkalab-broker exited ' + code + ': ' + stderr())
}

main().catch(e => fail(e.stack || String(e)))
