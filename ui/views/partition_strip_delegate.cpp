// PartitionStripDelegate: painting and hover of one partition's log strip.
#include "views/partition_strip_delegate.h"

#include "models/partition_strip_model.h"
#include "models/record_bytes.h"
#include "views/key_colors.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDateTime>
#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

namespace {

constexpr int kMargin = 4;
constexpr int kCellTop = 4;
constexpr int kLabelBand = 18; // the marker band under the cells

// Cells grow with the row (TopicView makes rows taller when few partitions leave room).
int cellHeightFor(const QRect &rect)
{
    return std::clamp(rect.height() - kCellTop - kLabelBand - 2, 16, 44);
}

QFont cellFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(std::max(7.0, base.pointSizeF() * 0.85));
    return f;
}

QFont labelFont(const QFont &base)
{
    QFont f = base;
    f.setPointSizeF(std::max(7.0, base.pointSizeF() * 0.8));
    return f;
}

QString leoText(qint64 leo)
{
    return PartitionStripDelegate::tr("▶LEO %1").arg(leo);
}

// The cell for `offset` in the newest-records vector, or nullptr (older than what is kept).
const kl::RecordCell *findCell(const PartitionStrip &strip, qint64 offset)
{
    if (!strip.cells)
        return nullptr;
    const auto &cells = *strip.cells;
    auto it = std::lower_bound(cells.begin(), cells.end(), offset,
                               [](const kl::RecordCell &c, qint64 o) { return c.offset < o; });
    return (it != cells.end() && it->offset == offset) ? &*it : nullptr;
}

QString formatTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

} // namespace

PartitionStripDelegate::PartitionStripDelegate(QObject *parent) : QStyledItemDelegate(parent) {}

qint64 PartitionStripDelegate::StripLayout::offsetAt(int x) const
{
    if (x < cellArea.left() || x > cellArea.right() || cellWidth <= 0)
        return -1;
    const qint64 o = firstOffset + (x - cellArea.left()) / cellWidth;
    return o < endOffset ? o : -1;
}

PartitionStripDelegate::StripLayout PartitionStripDelegate::layoutFor(
    const QRect &rect, const PartitionStrip &strip, const QFontMetrics &cellFm,
    const QFontMetrics &labelFm)
{
    StripLayout l;
    const qint64 leo = std::max<qint64>(strip.logEndOffset, 0);
    const qint64 start = std::clamp<qint64>(strip.logStartOffset, 0, leo);
    // Wide enough for the newest offset's digits, so the newest cells stay readable.
    const int digits = cellFm.horizontalAdvance(QString::number(std::max<qint64>(leo - 1, 0)));
    l.cellWidth = std::clamp(digits + 8, 22, 64);
    const int leoWidth = labelFm.horizontalAdvance(leoText(leo)) + 10;
    const int usable = rect.width() - 2 * kMargin - leoWidth;
    const qint64 capacity = std::max(1, usable / l.cellWidth);
    l.endOffset = leo;
    l.firstOffset = std::max(start, leo - capacity);
    const int cells = int(l.endOffset - l.firstOffset);
    l.cellArea = QRect(rect.left() + kMargin, rect.top() + kCellTop, cells * l.cellWidth,
                       cellHeightFor(rect));
    l.leoX = l.cellArea.left() + cells * l.cellWidth + 6;
    return l;
}

QSize PartitionStripDelegate::sizeHint(const QStyleOptionViewItem &option,
                                       const QModelIndex &index) const
{
    Q_UNUSED(index);
    return QSize(option.fontMetrics.averageCharWidth() * 40, kRowHeight);
}

void PartitionStripDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const auto strip = index.data(PartitionStripModel::StripRole).value<PartitionStrip>();
    const QFont cFont = cellFont(opt.font);
    const QFont lFont = labelFont(opt.font);
    const QFontMetrics cFm(cFont);
    const QFontMetrics lFm(lFont);
    const StripLayout l = layoutFor(opt.rect, strip, cFm, lFm);

    painter->save();
    painter->setClipRect(opt.rect);
    painter->setRenderHint(QPainter::Antialiasing, false);
    const QColor textColor = opt.palette.color(QPalette::Text);
    const QColor dimText = opt.palette.color(QPalette::PlaceholderText);

    // Cells, oldest visible on the left.
    painter->setFont(cFont);
    for (qint64 o = l.firstOffset; o < l.endOffset; ++o) {
        const QRect r(l.cellX(o), l.cellArea.top(), l.cellWidth - 2, l.cellArea.height());
        const kl::RecordCell *cell = findCell(strip, o);
        QColor fill = cell ? keycolors::keyColor(cell->keyHash, cell->keyNull) : QColor(0xe4, 0xe6, 0xea);
        painter->setPen(fill.darker(135));
        painter->setBrush(cell ? QBrush(fill) : QBrush(fill, Qt::BDiagPattern));
        painter->drawRect(r.adjusted(0, 0, -1, -1));
        const QString text = QString::number(o);
        if (cFm.horizontalAdvance(text) <= r.width() - 2) {
            painter->setPen(cell ? keycolors::textColorOn(fill) : dimText);
            painter->drawText(r, Qt::AlignCenter, text);
        }
    }

    // ▶LEO n after the newest cell.
    QFont leoFont = lFont;
    leoFont.setBold(true);
    painter->setFont(leoFont);
    painter->setPen(textColor);
    painter->drawText(QRect(l.leoX, l.cellArea.top(), opt.rect.right() - l.leoX, l.cellArea.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, leoText(strip.logEndOffset));

    // Marker band: labels left to right, skipping any that would overlap the previous one.
    painter->setFont(lFont);
    const int bandTop = l.cellArea.bottom() + 4;
    const int bandHeight = std::max(12, opt.rect.bottom() - bandTop);
    int lastLabelEnd = opt.rect.left();
    auto label = [&](int x, const QString &text, const QColor &color) {
        if (x < lastLabelEnd + 4)
            return;
        const int w = lFm.horizontalAdvance(text);
        if (x + w > opt.rect.right())
            return;
        painter->setPen(color);
        painter->drawText(QRect(x, bandTop, w + 2, bandHeight), Qt::AlignLeft | Qt::AlignTop, text);
        lastLabelEnd = x + w;
    };

    if (l.firstOffset > strip.logStartOffset) {
        label(l.cellArea.left(),
              tr("◀ %n older", nullptr, int(std::min<qint64>(l.firstOffset - strip.logStartOffset,
                                                              INT32_MAX))),
              dimText);
    } else {
        // The log start offset is visible: a solid bar before the first cell.
        painter->setPen(QPen(textColor, 2));
        const int x = l.cellArea.left() - 2;
        painter->drawLine(x, l.cellArea.top() - 2, x, l.cellArea.bottom() + 4);
        label(l.cellArea.left(), tr("start %1").arg(strip.logStartOffset), dimText);
    }

    // Segment boundaries inside the visible range (the first segment starts at log start).
    const QColor segColor(0x5a, 0x6b, 0x8c);
    for (qint64 base : strip.segmentBases) {
        if (base <= l.firstOffset || base >= l.endOffset)
            continue;
        const int x = l.cellX(base) - 1;
        painter->setPen(QPen(segColor, 1, Qt::DashLine));
        painter->drawLine(x, l.cellArea.top() - 3, x, bandTop + bandHeight);
        label(x + 3, tr("segment %1").arg(base), segColor);
    }

    // High watermark, when it is behind the LEO (records not yet replicated to all of the ISR).
    if (strip.highWatermark < strip.logEndOffset && strip.highWatermark >= l.firstOffset) {
        const int x = l.cellX(strip.highWatermark);
        const QColor hwColor(0xc0, 0x39, 0x2b);
        painter->setPen(QPen(hwColor, 2));
        painter->drawLine(x - 1, l.cellArea.top() - 3, x - 1, l.cellArea.bottom() + 3);
        label(x + 2, tr("HW %1").arg(strip.highWatermark), hwColor);
    }
    painter->restore();
}

bool PartitionStripDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view,
                                       const QStyleOptionViewItem &option, const QModelIndex &index)
{
    if (!event || event->type() != QEvent::ToolTip || !index.isValid())
        return QStyledItemDelegate::helpEvent(event, view, option, index);

    const auto strip = index.data(PartitionStripModel::StripRole).value<PartitionStrip>();
    const QFontMetrics cFm(cellFont(option.font));
    const QFontMetrics lFm(labelFont(option.font));
    const StripLayout l = layoutFor(option.rect, strip, cFm, lFm);
    const QPoint pos = event->pos();

    QString text;
    const qint64 offset = l.offsetAt(pos.x());
    if (offset >= 0 && pos.y() <= l.cellArea.bottom() + 2) {
        if (const kl::RecordCell *cell = findCell(strip, offset)) {
            const QString key = cell->keyNull ? tr("null (no key: sticky/round-robin partitioning)")
                                              : recordbytes::display(cell->key, 200, cell->key.size() >= 64);
            const QString value = cell->valueSize < 0
                ? tr("null (tombstone)")
                : tr("%n byte(s)", nullptr, cell->valueSize);
            text = tr("<b>%1-%2 offset %3</b><br>Key: %4<br>Time: %5<br>Value: %6")
                       .arg(strip.topic.toHtmlEscaped())
                       .arg(strip.partition)
                       .arg(offset)
                       .arg(key.toHtmlEscaped(), formatTime(cell->timestamp), value);
        } else {
            text = tr("Offset %1: older than the records kept for drawing.\n"
                      "Open the Files tab to read it from the segment.").arg(offset);
        }
    } else if (pos.x() >= l.leoX && pos.y() <= l.cellArea.bottom() + 2) {
        text = tr("Log end offset (LEO) %1: the offset the next record appended to this "
                  "partition will get.").arg(strip.logEndOffset);
    } else {
        // Marker band: describe what is there (log start, nearest segment boundary, HW).
        text = tr("Log start offset %1 (oldest offset still on disk), high watermark %2 "
                  "(consumers read up to here), %n segment(s).", nullptr,
                  int(strip.segmentBases.size()))
                   .arg(strip.logStartOffset)
                   .arg(strip.highWatermark);
    }
    QToolTip::showText(event->globalPos(), text, view);
    return true;
}
