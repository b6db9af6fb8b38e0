// ReplicaTiles: painting, hit-testing and tooltips of one broker's replica tiles.
#include "views/replica_tiles.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

using clustermap::Role;
using clustermap::Tile;

namespace {

constexpr int kGap = 6;       // between tiles
constexpr int kPad = 6;       // inside a tile
constexpr int kFieldGap = 10; // between the numbers on line two

struct Colours {
    QColor fill;
    QColor border;
    QColor text;
    Qt::PenStyle borderStyle = Qt::SolidLine;
};

Colours coloursFor(Role role)
{
    switch (role) {
    case Role::Leader: return {QColor(0x2e, 0x7d, 0x32), QColor(0x1b, 0x5e, 0x20), Qt::white};
    case Role::InSync: return {QColor(0xc8, 0xe6, 0xc9), QColor(0x2e, 0x7d, 0x32), QColor(0x1b, 0x2b, 0x1c)};
    case Role::OutOfSync: return {QColor(0xff, 0xe0, 0xb2), QColor(0xef, 0x6c, 0x00), QColor(0x3e, 0x27, 0x00)};
    case Role::Offline:
        return {QColor(0xee, 0xee, 0xee), QColor(0x9e, 0x9e, 0x9e), QColor(0x75, 0x75, 0x75), Qt::DashLine};
    }
    return {};
}

QString leoText(const Tile &t)
{
    return t.role == Role::Leader || t.lag == 0
        ? ReplicaTiles::tr("LEO %1").arg(t.logEndOffset)
        : ReplicaTiles::tr("LEO %1 (lag %2)").arg(t.logEndOffset).arg(t.lag);
}

QString hwText(const Tile &t) { return ReplicaTiles::tr("HW %1").arg(t.highWatermark); }
QString epochText(const Tile &t) { return ReplicaTiles::tr("epoch %1").arg(t.leaderEpoch); }

bool sameTiles(const QVector<Tile> &a, const QVector<Tile> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        const Tile &x = a[i];
        const Tile &y = b[i];
        if (x.topic != y.topic || x.partition != y.partition || x.role != y.role
            || x.logEndOffset != y.logEndOffset || x.highWatermark != y.highWatermark
            || x.leaderEpoch != y.leaderEpoch || x.lag != y.lag || x.preferred != y.preferred
            || x.roleText != y.roleText || x.roleTip != y.roleTip)
            return false;
    }
    return true;
}

} // namespace

ReplicaTiles::ReplicaTiles(QWidget *parent) : QWidget(parent)
{
    setMouseTracking(false);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
}

void ReplicaTiles::setTiles(const QVector<Tile> &tiles)
{
    if (sameTiles(tiles, m_tiles))
        return;
    const bool countChanged = tiles.size() != m_tiles.size();
    const int minWidth = minimumSizeHint().width();
    m_tiles = tiles;
    relayout();
    if (countChanged || minimumSizeHint().width() != minWidth)
        updateGeometry();
    update();
}

void ReplicaTiles::setSelected(const QString &topic, int partition)
{
    if (topic == m_selectedTopic && partition == m_selectedPartition)
        return;
    m_selectedTopic = topic;
    m_selectedPartition = partition;
    update();
}

void ReplicaTiles::setHighlight(const QString &topic, int partition, double strength)
{
    m_highlightTopic = topic;
    m_highlightPartition = partition;
    m_highlight = std::clamp(strength, 0.0, 1.0);
    update();
}

int ReplicaTiles::tileHeight() const
{
    return fontMetrics().height() * 2 + kPad * 2 + 2;
}

QSize ReplicaTiles::sizeHint() const
{
    const int n = static_cast<int>(m_tiles.size());
    return {200, n == 0 ? fontMetrics().height() * 2 : n * (tileHeight() + kGap)};
}

// Wide enough for every tile's numbers (LEO, HW, epoch) and role in full: the column never
// squeezes them to "epo…". Long partition names are data and may still elide (tooltip).
QSize ReplicaTiles::minimumSizeHint() const
{
    const QFontMetrics fm = fontMetrics();
    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPointSizeF(std::max(7.0, font().pointSizeF() * 0.85));
    const QFontMetrics bfm(bold);
    const QFontMetrics sfm(small);
    int need = 150;
    for (const Tile &t : m_tiles) {
        const int numbers = fm.horizontalAdvance(leoText(t)) + fm.horizontalAdvance(hwText(t))
                            + fm.horizontalAdvance(epochText(t)) + 3 * 2 + 2 * kFieldGap;
        const QString label = t.preferred ? t.label + QStringLiteral(" ★") : t.label;
        const int role = sfm.horizontalAdvance(t.roleText) + 2; // painted in at most half the line
        const int roleLine = std::max(2 * role, std::min(bfm.horizontalAdvance(label) + 2, fm.averageCharWidth() * 12) + 6 + role);
        need = std::max(need, std::max(numbers, roleLine) + 2 * kPad + 4);
    }
    return {need, sizeHint().height()};
}

void ReplicaTiles::resizeEvent(QResizeEvent *)
{
    relayout();
}

void ReplicaTiles::relayout()
{
    m_layout.clear();
    const QFontMetrics fm = fontMetrics();
    const int h = tileHeight();
    int y = 0;
    for (const Tile &t : m_tiles) {
        Layout l;
        l.tile = QRect(2, y, std::max(40, width() - 4), h);
        const QRect inner = l.tile.adjusted(kPad, kPad, -kPad, -kPad);
        l.role = QRect(inner.left(), inner.top(), inner.width(), fm.height());
        int x = inner.left();
        const int line2 = inner.top() + fm.height() + 2;
        auto place = [&](const QString &text) {
            const int w = fm.horizontalAdvance(text) + 2; // rounded down; an exact fit elides
            QRect r(x, line2, std::min(w, std::max(0, inner.right() - x)), fm.height());
            x += w + kFieldGap;
            return r;
        };
        l.leo = place(leoText(t));
        l.hw = place(hwText(t));
        l.epoch = place(epochText(t));
        m_layout.push_back(l);
        y += h + kGap;
    }
}

int ReplicaTiles::indexAt(const QPoint &pos) const
{
    for (qsizetype i = 0; i < m_layout.size(); ++i)
        if (m_layout[i].tile.contains(pos))
            return static_cast<int>(i);
    return -1;
}

int ReplicaTiles::indexOf(const QString &topic, int partition) const
{
    for (qsizetype i = 0; i < m_tiles.size(); ++i)
        if (m_tiles[i].topic == topic && m_tiles[i].partition == partition)
            return static_cast<int>(i);
    return -1;
}

QRect ReplicaTiles::tileRect(const QString &topic, int partition) const
{
    const int i = indexOf(topic, partition);
    return i >= 0 && i < m_layout.size() ? m_layout[i].tile : QRect();
}

QRect ReplicaTiles::partRect(const QString &topic, int partition, Part part) const
{
    const int i = indexOf(topic, partition);
    if (i < 0 || i >= m_layout.size())
        return {};
    switch (part) {
    case Part::Role: return m_layout[i].role;
    case Part::Leo: return m_layout[i].leo;
    case Part::Hw: return m_layout[i].hw;
    case Part::Epoch: return m_layout[i].epoch;
    case Part::None: break;
    }
    return m_layout[i].tile;
}

QString ReplicaTiles::toolTipAt(const QPoint &pos) const
{
    const int i = indexAt(pos);
    if (i < 0 || i >= m_layout.size())
        return {};
    const Layout &l = m_layout[i];
    const Tile &t = m_tiles[i];
    if (l.leo.contains(pos))
        return t.leoTip;
    if (l.hw.contains(pos))
        return t.hwTip;
    if (l.epoch.contains(pos))
        return t.epochTip;
    return t.roleTip;
}

bool ReplicaTiles::event(QEvent *e)
{
    if (e->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(e);
        const QString tip = toolTipAt(help->pos());
        if (tip.isEmpty()) {
            QToolTip::hideText();
            e->ignore();
        } else {
            const int i = indexAt(help->pos());
            QToolTip::showText(help->globalPos(), tip, this, m_layout[i].tile);
        }
        return true;
    }
    return QWidget::event(e);
}

void ReplicaTiles::mousePressEvent(QMouseEvent *e)
{
    const int i = indexAt(e->position().toPoint());
    if (i >= 0 && e->button() == Qt::LeftButton)
        emit tileClicked(m_tiles[i].topic, m_tiles[i].partition);
    QWidget::mousePressEvent(e);
}

void ReplicaTiles::contextMenuEvent(QContextMenuEvent *e)
{
    const int i = indexAt(e->pos());
    if (i >= 0)
        emit tileMenuRequested(m_tiles[i].topic, m_tiles[i].partition, e->globalPos());
}

void ReplicaTiles::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPointSizeF(std::max(7.0, font().pointSizeF() * 0.85));

    if (m_tiles.isEmpty()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, tr("no replicas here"));
        return;
    }

    for (qsizetype i = 0; i < m_tiles.size() && i < m_layout.size(); ++i) {
        const Tile &t = m_tiles[i];
        const Layout &l = m_layout[i];
        const Colours c = coloursFor(t.role);
        const QRectF box = QRectF(l.tile).adjusted(1, 1, -1, -1);

        p.setPen(QPen(c.border, 1.2, c.borderStyle));
        p.setBrush(c.fill);
        p.drawRoundedRect(box, 5, 5);

        const bool highlighted = m_highlight > 0 && t.topic == m_highlightTopic
            && (m_highlightPartition < 0 || t.partition == m_highlightPartition);
        if (highlighted) {
            QColor glow(0xff, 0xb3, 0x00);
            glow.setAlphaF(static_cast<float>(m_highlight));
            p.setPen(QPen(glow, 4));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(box.adjusted(-0.5, -0.5, 0.5, 0.5), 6, 6);
        }
        if (t.topic == m_selectedTopic && t.partition == m_selectedPartition) {
            p.setPen(QPen(QColor(0x15, 0x65, 0xc0), 2));
            p.setBrush(Qt::NoBrush);
            p.drawRoundedRect(box.adjusted(2, 2, -2, -2), 4, 4);
        }

        // Line one: partition label (★ = preferred replica) left, role right.
        p.setPen(c.text);
        p.setFont(bold);
        const QString label = t.preferred ? t.label + QStringLiteral(" ★") : t.label;
        const QFontMetrics bfm(bold);
        const QFontMetrics sfm(small);
        // The partition name wins over the role (the colour says the role too).
        // +2: advances are rounded down, and an exact fit would elide.
        const int roleWidth = std::min(sfm.horizontalAdvance(t.roleText) + 2, l.role.width() / 2);
        const int labelWidth = std::min(bfm.horizontalAdvance(label) + 2, l.role.width() - roleWidth - 6);
        p.drawText(QRect(l.role.left(), l.role.top(), labelWidth, l.role.height()),
                   Qt::AlignLeft | Qt::AlignVCenter, bfm.elidedText(label, Qt::ElideMiddle, labelWidth));
        p.setFont(small);
        const QRect roleArea = l.role.adjusted(labelWidth + 6, 0, 0, 0);
        p.drawText(roleArea, Qt::AlignRight | Qt::AlignVCenter,
                   sfm.elidedText(t.roleText, Qt::ElideRight, roleArea.width()));

        // Line two: the numbers.
        p.setFont(font());
        p.drawText(l.leo, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(leoText(t), Qt::ElideRight, l.leo.width()));
        p.drawText(l.hw, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(hwText(t), Qt::ElideRight, l.hw.width()));
        p.drawText(l.epoch, Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(epochText(t), Qt::ElideRight, l.epoch.width()));
    }
}
