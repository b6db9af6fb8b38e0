// The brokers' listeners (see kafka_server.h). Each connection reads a 4-byte size, then the
// frame, answers it with proto::handleFrame and writes the answers in request order; Produce
// requests are read and posted while earlier ones are in the engine (see Connection).
#include "net/kafka_server.h"

#include "net/asio_helpers.h"

#include <asio.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <array>
#include <deque>
#include <optional>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

namespace kl {

using asio::ip::tcp;

namespace {

// Lets the engine thread hand an answer back to the network thread only while the server
// exists: the server clears it (under the lock) before it stops.
struct NetPoster {
    std::mutex mutex;
    asio::io_context *io = nullptr;
    // Connections waiting for an engine answer (network thread only; cleared by the server
    // once its thread has stopped, while the io_context still exists).
    std::set<std::shared_ptr<void>> waiting;
    void post(std::function<void()> fn)
    {
        std::lock_guard lock(mutex);
        if (io)
            asio::post(*io, std::move(fn));
    }
};

class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(tcp::socket socket, Engine &engine, std::shared_ptr<NetPoster> poster,
               const std::vector<proto::BrokerEndpoint> &endpoints, int32_t broker, int32_t maxRequestBytes)
        : m_socket(std::move(socket)), m_engine(engine), m_poster(std::move(poster)), m_endpoints(endpoints),
          m_broker(broker), m_maxRequestBytes(maxRequestBytes)
    {
        std::error_code ec;
        const auto remote = m_socket.remote_endpoint(ec);
        m_peer = ec ? std::string("?") : fmt::format("{}:{}", remote.address().to_string(), remote.port());
        m_host = ec ? std::string("/127.0.0.1") : fmt::format("/{}", remote.address().to_string());
    }

    void start() { readSize(); }

private:
    // Produce requests go on while earlier answers are pending (at most kMaxInFlight requests or
    // kMaxInFlightBytes of them): the engine runs jobs in the order they are posted, so the
    // appends keep the connection's order, and reading the next batch overlaps the engine's
    // append of this one. Any other request reads what earlier requests change (Metadata after
    // CreateTopics, a fetch after a produce) or is answered from the snapshot, so it waits until
    // every earlier answer is written, as Kafka answers one request per connection at a time.
    // Answers are written in request order.
    static constexpr size_t kMaxInFlight = 8;
    static constexpr size_t kMaxInFlightBytes = 64u << 20;

    struct Slot {
        uint64_t seq = 0;
        size_t requestBytes = 0;
        std::optional<proto::Bytes> frame; // the answer, once the engine gave it
        proto::Bytes head;                 // non-empty: the size and header that go before `frame`
    };

    void readSize()
    {
        m_reading = true;
        asio::async_read(m_socket, asio::buffer(m_size), [self = shared_from_this()](std::error_code ec, size_t) {
            if (ec)
                return self->closed(ec);
            const int64_t size = static_cast<int32_t>(uint32_t(self->m_size[0]) << 24 | uint32_t(self->m_size[1]) << 16
                                                      | uint32_t(self->m_size[2]) << 8 | uint32_t(self->m_size[3]));
            if (size < 8 || size > self->m_maxRequestBytes)
                return self->drop(size < 0 ? fmt::format("a negative request size {}", size)
                        : size < 8 ? fmt::format("a request of {} bytes, shorter than any request header", size)
                                   : fmt::format("a request of {} bytes, over socket.request.max.bytes {}", size,
                                         self->m_maxRequestBytes));
            self->m_frame.resize(static_cast<size_t>(size));
            self->readFrame();
        });
    }

    void readFrame()
    {
        asio::async_read(m_socket, asio::buffer(m_frame), [self = shared_from_this()](std::error_code ec, size_t) {
            if (ec)
                return self->closed(ec);
            self->m_reading = false;
            const int apiKey = self->m_frame[0] << 8 | self->m_frame[1];
            if (!self->m_slots.empty() && apiKey != static_cast<int>(proto::ApiKey::Produce)) {
                self->m_held = true; // answered once the pending ones are written (flush)
                return;
            }
            self->answer();
        });
    }

    void answer()
    {
        proto::RequestContext context;
        context.snapshot = m_engine.snapshot();
        context.endpoints = m_endpoints;
        context.broker = m_broker;
        context.clientHost = m_host;
        for (const auto &b : context.snapshot->brokers)
            if (b.id == m_broker && b.state == BrokerState::Crashed)
                return drop("its broker is crashed");
        spdlog::debug("broker {}: {} sent api key {} v{}", m_broker, m_peer, int(m_frame[0] << 8 | m_frame[1]),
            int(m_frame[2] << 8 | m_frame[3]));
        auto answer = proto::handleFrame(proto::ByteSpan(m_frame), context);
        if (!answer)
            return drop(answer.status().message());
        if (answer->noResponse) {
            // acks=0: the client reads no answer; the engine appends in the order posted.
            if (answer->job)
                m_engine.post([job = std::move(answer->job)](EngineCore &core) { job(core, [](proto::Bytes) {}); },
                    Engine::Publish::OnSchedule);
            return readNext();
        }
        auto self = shared_from_this();
        const uint64_t seq = m_nextSeq++;
        m_slots.push_back(Slot {seq, m_frame.size(), std::nullopt, {}});
        m_inFlightBytes += m_frame.size();
        m_poster->waiting.insert(self);
        if (!answer->job) {
            m_slots.back().frame = std::move(answer->frame);
            return flush();
        }
        // The engine acts first; its answer hops back to this thread.
        auto job = std::move(answer->job);
        answer->job = nullptr;
        std::weak_ptr<Connection> weak = self;
        // The body is sent as the engine wrote it, after a separate head (a Fetch answer of a few
        // MiB is not copied again into a frame).
        auto send = [weak, seq, poster = m_poster, framing = *answer](proto::Bytes body) {
            poster->post(
                [weak, seq, head = proto::responseHead(framing, body.size()), body = std::move(body)]() mutable {
                    if (auto connection = weak.lock())
                        connection->complete(seq, std::move(head), std::move(body));
                });
        };
        if (answer->changesMetadata) {
            m_engine.post([engine = &m_engine, job = std::move(job), send = std::move(send)](EngineCore &core) {
                job(core, [engine, send](proto::Bytes body) {
                    engine->afterPublish([send, body = std::move(body)]() mutable { send(std::move(body)); });
                });
            });
        } else {
            m_engine.post(
                [job = std::move(job), send = std::move(send)](EngineCore &core) { job(core, send); },
                Engine::Publish::OnSchedule);
        }
        readNext();
    }

    // Reads the next request unless one is being read or held, or too much is in flight.
    void readNext()
    {
        if (m_reading || m_held || !m_socket.is_open())
            return;
        if (!m_slots.empty() && (m_slots.size() >= kMaxInFlight || m_inFlightBytes >= kMaxInFlightBytes))
            return; // complete() resumes
        readSize();
    }

    void complete(uint64_t seq, proto::Bytes head, proto::Bytes body)
    {
        for (Slot &slot : m_slots)
            if (slot.seq == seq) {
                slot.head = std::move(head);
                slot.frame = std::move(body);
            }
        flush();
    }

    // Writes the answers that are ready, in request order; then answers a held request once
    // nothing is pending, or reads on.
    void flush()
    {
        if (m_writing)
            return;
        if (!m_slots.empty() && m_slots.front().frame) {
            m_responseHead = std::move(m_slots.front().head);
            m_response = std::move(*m_slots.front().frame);
            m_inFlightBytes -= m_slots.front().requestBytes;
            m_slots.pop_front();
            m_writing = true;
            const std::array<asio::const_buffer, 2> parts {asio::buffer(m_responseHead), asio::buffer(m_response)};
            asio::async_write(m_socket, parts, [self = shared_from_this()](std::error_code ec, size_t) {
                self->m_writing = false;
                if (ec)
                    return self->closed(ec);
                self->flush();
            });
            return;
        }
        if (m_slots.empty()) {
            m_poster->waiting.erase(shared_from_this());
            if (m_held) {
                m_held = false;
                return answer();
            }
        }
        readNext();
    }

    void closed(const std::error_code &ec)
    {
        if (ec != asio::error::eof && ec != asio::error::operation_aborted)
            spdlog::debug("broker {}: connection from {} ended: {}", m_broker, m_peer, ec.message());
    }

    void drop(const std::string &why)
    {
        spdlog::warn("broker {}: closing the connection from {}: {}", m_broker, m_peer, why);
        std::error_code ec;
        m_socket.shutdown(tcp::socket::shutdown_both, ec);
        m_socket.close(ec);
    }

    tcp::socket m_socket;
    Engine &m_engine;
    std::shared_ptr<NetPoster> m_poster;
    const std::vector<proto::BrokerEndpoint> &m_endpoints;
    int32_t m_broker;
    int32_t m_maxRequestBytes;
    std::string m_peer;
    std::string m_host; // "/127.0.0.1", as Kafka shows a member's host
    std::array<uint8_t, 4> m_size {};
    proto::Bytes m_frame;
    proto::Bytes m_responseHead; // empty when m_response is a whole frame
    proto::Bytes m_response;
    std::deque<Slot> m_slots;   // requests answered or being answered, in order, not yet written
    uint64_t m_nextSeq = 0;
    size_t m_inFlightBytes = 0; // request bytes of m_slots
    bool m_reading = false;     // a read of the next request is under way
    bool m_held = false;        // m_frame holds a request that waits for m_slots to drain
    bool m_writing = false;
};

} // namespace

struct KafkaServer::Impl {
    asio::io_context io;
    std::vector<std::unique_ptr<tcp::acceptor>> acceptors;
    std::vector<proto::BrokerEndpoint> endpoints;
    Engine *engine = nullptr;
    std::shared_ptr<NetPoster> poster = std::make_shared<NetPoster>();
    KafkaServerOptions options;
    std::thread thread;

    void accept(size_t index)
    {
        acceptors[index]->async_accept([this, index](std::error_code ec, tcp::socket socket) {
            if (ec == asio::error::operation_aborted)
                return;
            if (!ec) {
                socket.set_option(tcp::no_delay(true), ec);
                std::make_shared<Connection>(std::move(socket), *engine, poster, endpoints, endpoints[index].id,
                    options.maxRequestBytes)
                    ->start();
            } else {
                spdlog::warn("broker {}: accept failed: {}", endpoints[index].id, ec.message());
            }
            accept(index);
        });
    }
};

KafkaServer::KafkaServer() : d(std::make_unique<Impl>()) {}

KafkaServer::~KafkaServer()
{
    {
        std::lock_guard lock(d->poster->mutex);
        d->poster->io = nullptr; // engine answers from now on are dropped
    }
    d->io.stop();
    if (d->thread.joinable())
        d->thread.join();
    d->poster->waiting.clear(); // their sockets close while the io_context exists
}

Result<std::unique_ptr<KafkaServer>> KafkaServer::start(Engine &engine, const KafkaServerOptions &options)
{
    if (options.portBase < 0 || options.portBase + options.brokers - 1 > 65535)
        return Status::error(ErrorCode::InvalidConfig,
            fmt::format("listener ports {}..{} are not all in 1..65535", options.portBase,
                options.portBase + options.brokers - 1));
    std::unique_ptr<KafkaServer> server(new KafkaServer());
    Impl &d = *server->d;
    d.engine = &engine;
    d.poster->io = &d.io;
    d.options = options;
    std::error_code ec;
    const auto address = asio::ip::make_address(options.host, ec);
    if (ec)
        return Status::error(ErrorCode::InvalidConfig,
            fmt::format("listener host '{}' is not an IP address: {}", options.host, ec.message()));
    for (int32_t b = 1; b <= options.brokers; ++b) {
        const auto port = static_cast<uint16_t>(options.portBase == 0 ? 0 : options.portBase + b - 1);
        auto acceptor = std::make_unique<tcp::acceptor>(d.io);
        ec = net::listenOn(*acceptor, tcp::endpoint(address, port));
        if (ec)
            return Status::error(ErrorCode::InvalidConfig,
                fmt::format("broker {} cannot listen on {}:{}: {}{}", b, options.host, port, ec.message(),
                    ec == asio::error::address_in_use ? " (another program uses the port: choose other ports, "
                                                        "or port 0 for free ones)"
                                                      : ""));
        proto::BrokerEndpoint endpoint;
        endpoint.id = b;
        endpoint.host = options.host;
        endpoint.port = acceptor->local_endpoint().port();
        d.endpoints.push_back(endpoint);
        d.acceptors.push_back(std::move(acceptor));
    }
    for (size_t i = 0; i < d.acceptors.size(); ++i)
        d.accept(i);
    d.thread = net::runGuarded(d.io, "network");
    return server;
}

const std::vector<proto::BrokerEndpoint> &KafkaServer::endpoints() const
{
    return d->endpoints;
}

std::string KafkaServer::bootstrapServers() const
{
    std::string out;
    for (const auto &e : d->endpoints)
        out += fmt::format("{}{}:{}", out.empty() ? "" : ",", e.host, e.port);
    return out;
}

} // namespace kl
