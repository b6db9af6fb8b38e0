// SeriesPalette: line colours for the bottom charts. Tableau 10 (a qualitative palette made so
// that neighbouring colours are easy to tell apart, also for most colour-vision deficiencies),
// in its published order; the 11th series starts the colours again with a dashed line, the
// 21st dotted, and so on, so no two series of a chart look the same. Series get an index on
// first sight and keep it (stable colours across refreshes); the thick near-black line is
// reserved for totals. Pure inline functions; GUI thread (QPen/QColor are value types).
#pragma once

#include <QColor>
#include <QPen>

#include <array>

namespace seriespalette {

inline constexpr std::array<QRgb, 10> kTableau10 = {
    0x4e79a7, // blue
    0xf28e2b, // orange
    0xe15759, // red
    0x76b7b2, // teal
    0x59a14f, // green
    0xedc948, // yellow
    0xb07aa1, // purple
    0xff9da7, // pink
    0x9c755f, // brown
    0xbab0ac, // grey
};

inline QColor color(int index)
{
    const int n = static_cast<int>(kTableau10.size());
    return QColor(kTableau10[static_cast<size_t>(((index % n) + n) % n)]);
}

// Solid for the first round of colours, then dashed, dotted, dash-dotted.
inline Qt::PenStyle style(int index)
{
    static constexpr Qt::PenStyle kStyles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
    const int round = (index < 0 ? 0 : index) / static_cast<int>(kTableau10.size());
    return kStyles[round % 4];
}

inline QPen pen(int index, qreal width)
{
    QPen p(color(index));
    p.setWidthF(width);
    p.setStyle(style(index));
    return p;
}

// The totals' line ("total lag", "produced").
inline QColor totalColor() { return QColor(0x21, 0x21, 0x21); }

} // namespace seriespalette
