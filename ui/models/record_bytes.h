// How the GUI shows a record's key or value bytes: text when they are printable UTF-8, else
// hex ("0x00ff1a…"), so binary keys never appear as boxes or mojibake. One rule for the topic
// view's cells and legend, the segment browser and the event texts. Pure; any thread.
#pragma once

#include <QString>

#include <optional>
#include <string>
#include <string_view>

namespace recordbytes {

// True if `bytes` decode as UTF-8 without errors and hold no control character other than
// newline and tab. `cutAtEnd`: the bytes may be a prefix cut mid-character (the engine keeps
// the first 64 bytes of a key); an incomplete last character then does not make them binary.
bool isText(std::string_view bytes, bool cutAtEnd = false);

// Text (at most maxChars characters, then "…") or "0x" + hex of at most maxChars/2 bytes
// (then "…"). `cutAtEnd` as above; a cut text ends in "…".
QString display(std::string_view bytes, int maxChars = 200, bool cutAtEnd = false);

// "null" for a null key or value.
QString displayOrNull(const std::optional<std::string> &bytes, int maxChars = 200);

} // namespace recordbytes
