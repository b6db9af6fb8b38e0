// PartitionStripDelegate: paints PartitionStripModel's log column as a horizontal strip of
// offset cells (Hotspot's timelinedelegate shape): each cell one record, filled with its key's
// colour (key_colors.h), the newest on the right followed by "▶LEO n"; segment boundaries as
// dashed lines labelled with their base offset, the log start offset and the high watermark
// marked underneath. Older offsets that do not fit are summarised on the left ("◀ 120 older").
// Tooltips per cell (offset, key, time, value size) come from helpEvent using the same layout
// as painting (StripLayout), so what is hovered is exactly what is drawn.
// Stateless apart from fonts; GUI thread only.
#pragma once

#include <QStyledItemDelegate>

struct PartitionStrip;

class PartitionStripDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit PartitionStripDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                   const QModelIndex &index) override;

    static constexpr int kRowHeight = 46;

    // Where things are drawn in one row: offsets -> x. Computed identically for paint and hover.
    struct StripLayout {
        QRect cellArea;         // the band where cells are drawn
        int cellWidth = 24;
        qint64 firstOffset = 0; // first visible offset (inclusive)
        qint64 endOffset = 0;   // LEO (exclusive)
        int leoX = 0;           // x where the "▶LEO n" label starts
        int cellX(qint64 offset) const
        {
            return cellArea.left() + int(offset - firstOffset) * cellWidth;
        }
        // Offset under x, or -1 outside the visible cells.
        qint64 offsetAt(int x) const;
    };
    static StripLayout layoutFor(const QRect &rect, const PartitionStrip &strip,
                                 const QFontMetrics &cellFont, const QFontMetrics &labelFont);
};
