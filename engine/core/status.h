// Status and Result<T>: how engine calls report failure. No exceptions cross engine APIs.
// A Status carries a Kafka ErrorCode (so it maps straight onto the wire) and a human message
// that says what was wrong and, where it helps, where (a byte position, a field).
// Plain values; any thread.
#pragma once

#include "core/error_code.h"

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace kl {

class Status {
public:
    Status() = default;
    Status(ErrorCode code, std::string message) : m_code(code), m_message(std::move(message)) {}

    static Status ok() { return {}; }
    static Status error(ErrorCode code, std::string message) { return {code, std::move(message)}; }

    bool isOk() const { return m_code == ErrorCode::None; }
    explicit operator bool() const { return isOk(); }
    ErrorCode code() const { return m_code; }
    const std::string &message() const { return m_message; }
    // "INVALID_PARTITIONS: cannot decrease partitions from 6 to 3"
    std::string toString() const;

private:
    ErrorCode m_code = ErrorCode::None;
    std::string m_message;
};

// A value or a failed Status. `if (!r) return r.status();` then `*r` / `r->`.
template <typename T>
class Result {
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Status status) : m_status(std::move(status)) { assert(!m_status.isOk()); }

    bool isOk() const { return m_value.has_value(); }
    explicit operator bool() const { return isOk(); }
    const Status &status() const { return m_status; }
    T &value() { assert(m_value); return *m_value; }
    const T &value() const { assert(m_value); return *m_value; }
    T &operator*() { return value(); }
    const T &operator*() const { return value(); }
    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }

private:
    std::optional<T> m_value;
    Status m_status;
};

} // namespace kl
