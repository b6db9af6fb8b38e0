// ReplicaTiles: one broker's column body in the Cluster tab — its partition replicas drawn as
// tiles (leader / follower in ISR / follower out of ISR / offline), each with the replica's
// LEO, the partition's HW, the leader epoch and a follower's lag. Every number and the role
// have their own tooltip (hit-tested regions). The selected partition is outlined in blue; a
// highlighted one (an event the user picked) glows amber with the given strength.
// Clicking a tile selects its partition; right-click asks for the partition's context menu.
// Owns nothing but its data; GUI thread only.
#pragma once

#include "models/cluster_map_model.h"

#include <QVector>
#include <QWidget>

class ReplicaTiles : public QWidget {
    Q_OBJECT
public:
    explicit ReplicaTiles(QWidget *parent = nullptr);

    // Repaints only when something drawn changed.
    void setTiles(const QVector<clustermap::Tile> &tiles);
    const QVector<clustermap::Tile> &tiles() const { return m_tiles; }
    void setSelected(const QString &topic, int partition);
    // strength 0 = none, 1 = full glow. partition -1 = the whole column.
    void setHighlight(const QString &topic, int partition, double strength);

    // Geometry and tooltips, also for tests.
    QRect tileRect(const QString &topic, int partition) const;
    QString toolTipAt(const QPoint &pos) const;
    enum class Part { None, Role, Leo, Hw, Epoch };
    QRect partRect(const QString &topic, int partition, Part part) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void tileClicked(const QString &topic, int partition);
    void tileMenuRequested(const QString &topic, int partition, const QPoint &globalPos);

protected:
    bool event(QEvent *e) override;
    void paintEvent(QPaintEvent *) override;
    void mousePressEvent(QMouseEvent *e) override;
    void contextMenuEvent(QContextMenuEvent *e) override;
    void resizeEvent(QResizeEvent *) override;

private:
    struct Layout {
        QRect tile;
        QRect role;
        QRect leo;
        QRect hw;
        QRect epoch;
    };
    void relayout();
    int tileHeight() const;
    int indexAt(const QPoint &pos) const;
    int indexOf(const QString &topic, int partition) const;

    QVector<clustermap::Tile> m_tiles;
    QVector<Layout> m_layout;
    QString m_selectedTopic;
    int m_selectedPartition = -1;
    QString m_highlightTopic;
    int m_highlightPartition = -1;
    double m_highlight = 0;
};
