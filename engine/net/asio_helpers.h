// What the listeners (KafkaServer, MetricsServer) share: opening a listening socket, and the
// thread that runs their io_context. Used by their owners; the thread runs the handlers.
#pragma once

#include <pthread.h>

#include <asio.hpp>
#include <spdlog/spdlog.h>

#include <string>
#include <thread>

namespace kl::net {

// Opens, binds (reusing the address, so a restart right after a stop can bind) and listens;
// the error is that of the first step that failed.
inline std::error_code listenOn(asio::ip::tcp::acceptor &acceptor, const asio::ip::tcp::endpoint &where)
{
    std::error_code ec;
    acceptor.open(where.protocol(), ec);
    if (!ec)
        acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
    if (!ec)
        acceptor.bind(where, ec);
    if (!ec)
        acceptor.listen(asio::socket_base::max_listen_connections, ec);
    return ec;
}

// A thread running `io` until it is stopped. An exception out of a handler is logged and the
// loop goes on: a bug in one connection must not end the process or the other connections.
inline std::thread runGuarded(asio::io_context &io, std::string name)
{
    return std::thread([&io, name = std::move(name)] {
        // "kl-network", "kl-metrics": what top -H and perf show.
        pthread_setname_np(pthread_self(), ("kl-" + name).substr(0, 15).c_str());
        for (;;) {
            try {
                io.run();
                return;
            } catch (const std::exception &e) {
                spdlog::error("{} thread: {}", name, e.what());
            }
        }
    });
}

} // namespace kl::net
