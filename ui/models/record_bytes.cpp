#include "models/record_bytes.h"

#include <QByteArray>
#include <QStringDecoder>

#include <algorithm>

namespace recordbytes {

namespace {

// Length of `bytes` without an incomplete UTF-8 sequence at its end.
size_t withoutCutCharacter(std::string_view bytes)
{
    size_t n = bytes.size();
    // Walk back over at most 3 continuation bytes to the lead byte of the last character.
    size_t back = 0;
    while (back < 3 && back < n && (static_cast<unsigned char>(bytes[n - 1 - back]) & 0xC0) == 0x80)
        ++back;
    if (back >= n)
        return n;
    const auto lead = static_cast<unsigned char>(bytes[n - 1 - back]);
    const size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return need > back + 1 ? n - 1 - back : n;
}

bool printableUtf8(std::string_view bytes, QString *text)
{
    QStringDecoder decode(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString t = decode(QByteArrayView(bytes.data(), static_cast<qsizetype>(bytes.size())));
    if (decode.hasError() || t.contains(QChar::ReplacementCharacter))
        return false;
    if (std::any_of(t.begin(), t.end(), [](QChar c) {
            return c.category() == QChar::Other_Control && c != u'\n' && c != u'\t';
        }))
        return false;
    if (text)
        *text = std::move(t);
    return true;
}

} // namespace

bool isText(std::string_view bytes, bool cutAtEnd)
{
    if (cutAtEnd)
        bytes = bytes.substr(0, withoutCutCharacter(bytes));
    return printableUtf8(bytes, nullptr);
}

QString display(std::string_view bytes, int maxChars, bool cutAtEnd)
{
    const size_t whole = cutAtEnd ? withoutCutCharacter(bytes) : bytes.size();
    QString text;
    if (printableUtf8(bytes.substr(0, whole), &text)) {
        if (text.size() > maxChars)
            return text.left(maxChars) + QStringLiteral("…");
        return whole < bytes.size() ? text + QStringLiteral("…") : text;
    }
    const auto shown = std::min<size_t>(bytes.size(), static_cast<size_t>(std::max(1, maxChars / 2)));
    QString hex = QStringLiteral("0x")
        + QString::fromLatin1(QByteArray(bytes.data(), static_cast<qsizetype>(shown)).toHex());
    if (shown < bytes.size())
        hex += QStringLiteral("…");
    return hex;
}

QString displayOrNull(const std::optional<std::string> &bytes, int maxChars)
{
    if (!bytes)
        return QStringLiteral("null");
    return display(std::string_view(*bytes), maxChars);
}

} // namespace recordbytes
