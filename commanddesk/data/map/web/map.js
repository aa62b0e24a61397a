/* commanddesk map page: draws what Python sends, reports clicks back.
 *
 * Python builds every feature (position, style, hover text) and calls the
 * functions on window.cd through runJavaScript; clicks go back through the
 * QWebChannel object "bridge". Points are drawn on one canvas so ten thousand
 * of them load and restyle quickly. Nothing here loads anything remote.
 */
(function () {
  'use strict';

  var LAYERS = ['place', 'hazard', 'shelter', 'warehouse', 'team', 'incident'];
  var FONT = '"WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
  var map, renderer, bridge = null, pickMode = false, tip, base = null, tilesLoading = 0;
  var groups = {}, visible = {};
  var night = false, warningLayer, zoneLayer, labelLayer, boundaryLayer, areaLabels, ringLayer, highlightLayer, selectLayer;
  var cd = window.cd = {};

  // --- marker shapes ---------------------------------------------------------
  function shapePath(ctx, shape, x, y, r) {
    if (shape === 'square') {
      var q = r * 0.92, k = r * 0.3;
      ctx.moveTo(x - q + k, y - q);
      ctx.arcTo(x + q, y - q, x + q, y + q, k);
      ctx.arcTo(x + q, y + q, x - q, y + q, k);
      ctx.arcTo(x - q, y + q, x - q, y - q, k);
      ctx.arcTo(x - q, y - q, x + q, y - q, k);
      ctx.closePath();
    } else if (shape === 'diamond') {
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
    } else if (shape === 'house') {
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y - r * 0.15); ctx.lineTo(x + r * 0.85, y + r * 0.9);
      ctx.lineTo(x - r * 0.85, y + r * 0.9); ctx.lineTo(x - r, y - r * 0.15); ctx.closePath();
    } else {
      ctx.arc(x, y, r, 0, Math.PI * 2, false);
    }
  }
  var GLYPH_SCALE = {circle: 1.1, square: 1.15, diamond: 0.85, house: 0.95};

  function glyphColor(color) { return (color === '#e8c100' || color === '#f2c200') ? '#222' : '#fff'; }

  function drawMarker(ctx, p, x, y, r) {
    ctx.beginPath();
    shapePath(ctx, p.shape, x, y, r);
    ctx.fillStyle = p.color;
    ctx.fill();
    ctx.setLineDash(p.dash ? [4, 3] : []);
    ctx.lineWidth = p.dash ? 2 : 1;
    ctx.strokeStyle = p.dash ? '#111' : 'rgba(0,0,0,0.6)';
    ctx.stroke();
    ctx.setLineDash([]);
    if (p.glyph && r >= 6) {
      ctx.fillStyle = glyphColor(p.color);
      ctx.font = 'bold ' + Math.round(r * (GLYPH_SCALE[p.shape] || 1)) + 'px ' + FONT;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(p.glyph, x, y + (p.shape === 'house' ? r * 0.2 : 1));
    }
  }

  // Markers shrink when the whole county is in view, so they overlap less.
  function sizeScale(zoom) { return zoom >= 11 ? 1 : (zoom >= 10 ? 0.8 : 0.6); }
  function radiusOf(p, sc) { return Math.max(2, Math.round(p.radius * (sc === undefined ? scale : sc))); }
  var scale = 1;
  // is the whole view inside these layer-pixel bounds?
  function inside(bounds, map) {
    var tl = map.containerPointToLayerPoint([0, 0]), size = map.getSize();
    return bounds.contains(L.bounds(tl, tl.add(size)));
  }
  var POINT_PAD = 0.1;  // share of the view drawn around it on each side (PointLayer)

  // One pre-drawn image per look (shape, colour, glyph, size): drawing ten
  // thousand markers is then ten thousand image copies, not paths and text.
  var sprites = {};
  function sprite(p, sc) {
    var r = radiusOf(p, sc), key = p.shape + '|' + p.color + '|' + p.glyph + '|' + r + '|' + (p.dash ? 1 : 0);
    var s = sprites[key];
    if (!s) {
      var dpr = window.devicePixelRatio || 1, half = r + 2, c = document.createElement('canvas');
      c.width = c.height = Math.ceil(half * 2 * dpr);
      var ctx = c.getContext('2d');
      ctx.scale(dpr, dpr);
      drawMarker(ctx, p, half, half, r);
      s = sprites[key] = {canvas: c, half: half, key: key};
    }
    return s;
  }

  function props(kind, w) {
    return {kind: kind, id: w[0], shape: w[3], color: w[4], glyph: w[5], radius: w[6], name: w[7],
            dash: (w[8] & 1) !== 0, label: (w[8] & 2) !== 0, idle: (w[8] & 4) !== 0};
  }

  // A layer of point markers on its own canvas, with its own hit testing.
  var PointLayer = L.Layer.extend({
    initialize: function (name) {
      this.name = name;
      this.items = [];   // {key, lat, lon, p, x, y} in draw order
      this.byKey = {};
      this._wx = null;   // world pixel positions at this._pz
    },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create('canvas', 'cd-points leaflet-zoom-animated');
      this._canvas.style.pointerEvents = 'none';
      map.getPane('cdPoints').appendChild(this._canvas);
      this._ctx = this._canvas.getContext('2d');
      map.on('moveend resize viewreset', this._reset, this);
      map.on('zoomanim', this._animateZoom, this);
      this._reset();
    },
    onRemove: function (map) {
      map.off('moveend resize viewreset', this._reset, this);
      map.off('zoomanim', this._animateZoom, this);
      L.DomUtil.remove(this._canvas);
      this._canvas = null;
    },
    // w = [id, lat, lon, shape, color, glyph, radius, name, flags] (payload.wire)
    setAll: function (wires) {
      this.items = [];
      this.byKey = {};
      for (var i = 0; i < wires.length; i++) { this._add(wires[i]); }
      this.changed();
    },
    upsert: function (w) {
      var it = this.byKey[this.name + ':' + w[0]];
      if (!it) { this._add(w); return; }
      if (it.lat !== w[1] || it.lon !== w[2]) { it.lat = w[1]; it.lon = w[2]; it.wz = null; }
      it.p = props(this.name, w);
    },
    remove: function (key) {
      var it = this.byKey[key];
      if (!it) { return; }
      delete this.byKey[key];
      this.items.splice(this.items.indexOf(it), 1);
    },
    _add: function (w) {
      var it = {key: this.name + ':' + w[0], lat: w[1], lon: w[2], p: props(this.name, w), wz: null};
      this.byKey[it.key] = it;
      this.items.push(it);
    },
    changed: function () {
      if (this._map && !this._frame) {
        var self = this;
        this._frame = L.Util.requestAnimFrame(function () { self._frame = null; self._draw(); });
      }
    },
    // The canvas covers the view and PAD of its size around it, and is drawn
    // again only when the view leaves that area, the zoom or the size changes
    // (or the points change): a pan just moves it.
    _reset: function (e) {
      if (!this._map) { return; }
      var map = this._map, size = map.getSize(), dpr = window.devicePixelRatio || 1;
      if (e && e.type === 'moveend' && this._px && this._z === map.getZoom() && this._size.equals(size) &&
          inside(this._px, map)) { return; }
      var pad = size.multiplyBy(POINT_PAD).round(), full = size.add(pad.multiplyBy(2));
      this._z = map.getZoom();
      this._size = size;
      this._topLeft = map.containerPointToLayerPoint(pad.multiplyBy(-1));
      this._px = L.bounds(this._topLeft, this._topLeft.add(full));
      this._bounds = L.latLngBounds(map.layerPointToLatLng(this._px.min), map.layerPointToLatLng(this._px.max));
      L.DomUtil.setPosition(this._canvas, this._topLeft);
      this._canvas.width = full.x * dpr;
      this._canvas.height = full.y * dpr;
      this._canvas.style.width = full.x + 'px';
      this._canvas.style.height = full.y + 'px';
      this._draw();
    },
    _animateZoom: function (e) {
      var scale = this._map.getZoomScale(e.zoom),
          offset = this._map._latLngBoundsToNewLayerBounds(this._bounds, e.zoom, e.center).min;
      L.DomUtil.setTransform(this._canvas, offset, scale);
    },
    // container pixel of every item (world pixels are cached per zoom level)
    _place: function () {
      var map = this._map, z = map.getZoom(), origin = map.getPixelOrigin(), pane = map._getMapPanePos();
      var ox = origin.x - pane.x, oy = origin.y - pane.y;
      for (var i = 0; i < this.items.length; i++) {
        var it = this.items[i];
        if (it.wz !== z) {
          var w = map.project([it.lat, it.lon], z);
          it.wx = w.x; it.wy = w.y; it.wz = z;
        }
        it.x = it.wx - ox; it.y = it.wy - oy;
      }
    },
    _draw: function () {
      if (!this._map || !this._canvas) { return; }
      if (this._frame) { L.Util.cancelAnimFrame(this._frame); this._frame = null; }
      var ctx = this._ctx, dpr = window.devicePixelRatio || 1, size = this._px.getSize();
      scale = sizeScale(this._map.getZoom());
      // the canvas sits at _topLeft; items are placed relative to the container
      this._origin = this._map.containerPointToLayerPoint([0, 0]);
      var shift = this._origin.subtract(this._topLeft);
      // device pixels throughout, so each marker is a plain 1:1 copy of its sprite
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, this._canvas.width, this._canvas.height);
      this._place();
      for (var i = 0; i < this.items.length; i++) {
        var it = this.items[i], x = it.x + shift.x, y = it.y + shift.y, r = it.p.radius + 2;
        if (x < -r || y < -r || x > size.x + r || y > size.y + r) { continue; }
        var s = sprite(it.p);
        ctx.drawImage(s.canvas, Math.round((x - s.half) * dpr), Math.round((y - s.half) * dpr));
      }
    },
    // the top-most item under a container point, or null
    hit: function (pt) {
      if (!this._map || !this._origin) { return null; }
      // items were placed when last drawn; the view may have moved since
      var moved = this._map.containerPointToLayerPoint([0, 0]).subtract(this._origin);
      for (var i = this.items.length - 1; i >= 0; i--) {
        var it = this.items[i], dx = it.x - moved.x - pt.x, dy = it.y - moved.y - pt.y, r = radiusOf(it.p) + 3;
        if (dx * dx + dy * dy <= r * r) { return it; }
      }
      return null;
    }
  });

  // A canvas renderer that keeps what it drew while the view stays inside its
  // padded area: Leaflet's own redraws every path (the district outlines and
  // their land fill) at every 'moveend', which on a software renderer is most
  // of the cost of a pan. Zooming, a resize or leaving the area redraw as before.
  var StickyCanvas = L.Canvas.extend({
    _update: function () {
      var map = this._map;
      if (this._bounds && !map._animatingZoom && this._zoom === map.getZoom() && this._size &&
          this._size.equals(map.getSize()) && inside(this._bounds, map)) { return; }
      this._size = map.getSize();
      L.Canvas.prototype._update.call(this);
    },
    _reset: function () { this._bounds = null; L.Canvas.prototype._reset.call(this); },
    // A canvas taken off the map (the outlines' two canvases swap with the basemap) drops a
    // redraw still asked for, and forgets it, so that it redraws again when it comes back.
    _redraw: function () {
      if (this._ctx) { L.Canvas.prototype._redraw.call(this); } else { this._redrawRequest = null; }
    },
    _destroyContainer: function () {
      L.Canvas.prototype._destroyContainer.call(this);
      this._redrawRequest = null;
    }
  });

  // The district outlines and land over the vector basemap on an opaque canvas filled
  // with the map's background: a software compositor blends every transparent layer
  // pixel by pixel at every frame of a drag, an opaque one it only copies. Over a
  // raster basemap the outlines go on a transparent canvas (useAreaCanvas).
  var OpaqueCanvas = StickyCanvas.extend({
    _initContainer: function () {  // L.Canvas's, with an opaque context
      var c = this._container = document.createElement('canvas');
      L.DomEvent.on(c, 'mousemove', this._onMouseMove, this);  // passed on to the map as Leaflet does
      L.DomEvent.on(c, 'click dblclick mousedown mouseup contextmenu', this._onClick, this);
      L.DomEvent.on(c, 'mouseout', this._handleMouseOut, this);
      c['_leaflet_disable_events'] = true;
      this._ctx = c.getContext('2d', {alpha: false});
    },
    _clear: function () {
      var ctx = this._ctx, b = this._redrawBounds;
      ctx.save();
      ctx.fillStyle = window.getComputedStyle(this._map.getContainer()).backgroundColor;
      if (b) {
        var size = b.getSize();
        ctx.fillRect(b.min.x, b.min.y, size.x, size.y);
      } else {
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.fillRect(0, 0, this._container.width, this._container.height);
      }
      ctx.restore();
    }
  });
  var areaCanvas = {}, lastAreas = null;
  function useAreaCanvas(raster) {
    var want = raster ? areaCanvas.clear : areaCanvas.opaque, other = raster ? areaCanvas.opaque : areaCanvas.clear;
    if (boundaryLayer.options.renderer === want) { return; }
    boundaryLayer.options.renderer = want;
    if (lastAreas) { cd.setBoundaries(lastAreas); }  // the outlines made again on the other canvas
    if (map.hasLayer(other)) { map.removeLayer(other); }
  }

  // --- clustered layers (Leaflet.markercluster) -------------------------------
  // Every record layer is a MarkerClusterGroup of image markers drawn from the
  // same sprites; counts on the clusters, spiderfy at the last zoom. Teams that
  // are not on a task (待命, 不可用) are left out unless asked for.
  var CLUSTER_COLORS = {incident: '#c8102e', mixed: '#35506e'};
  var CLUSTER_PAD = 0.25;
  // Zoom 6 shows most of eastern China, 18 a street; the clusters are kept for every
  // zoom in between, so fewer levels are less work (-22 % for ten thousand points than 3-19).
  var MIN_ZOOM = 6, MAX_ZOOM = 18;
  var HL_PANE = 'cdHighlight', hlRenderer;
  var clustering = {};  // group -> markers still being put into clusters (chunked loading)
  var icons = {}, showIdle = false;
  function iconFor(p) {
    var s = sprite(p, 1), ic = icons[s.key];
    if (!ic) {
      ic = icons[s.key] = L.icon({iconUrl: s.canvas.toDataURL(), iconSize: [s.half * 2, s.half * 2],
                                  iconAnchor: [s.half, s.half], className: 'cd-marker'});
    }
    return ic;
  }
  function clusterIcon(kind) {
    return function (cluster) {
      var n = cluster.getChildCount(), size = n < 10 ? 30 : (n < 100 ? 36 : (n < 1000 ? 42 : 48));
      return L.divIcon({html: '<div style="background:' + CLUSTER_COLORS[kind] + '"><span>' + n + '</span></div>',
                        className: 'cd-cluster cd-cluster-' + kind, iconSize: [size, size]});
    };
  }
  function shownItem(it) { return it.forced || it.p.kind !== 'team' || showIdle || !it.p.idle; }

  // Incidents cluster among themselves (never hidden in a cluster of teams); the
  // other record layers share one group, so ten thousand points make few clusters.
  function clusterGroup(kind) {
    var g = L.markerClusterGroup({
      chunkedLoading: true, chunkProgress: function (done, total) { clustering[kind] = done < total; }, showCoverageOnHover: false, spiderfyOnMaxZoom: true, zoomToBoundsOnClick: true,
      animate: false, removeOutsideVisibleBounds: true, iconCreateFunction: clusterIcon(kind),
      maxClusterRadius: function (z) { return z >= 17 ? 40 : 80; }
    });
    // Keep on the page only the clusters in and a quarter view around the view (the
    // plugin keeps a whole view on every side, nine views' worth of DOM icons, which
    // at street zoom is a thousand icons rebuilt at every zoom step); a pan past it
    // adds the next ones at its end, as the plugin does anyway.
    g._getExpandedVisibleBounds = function () { return this._checkBoundsMaxLat(this._map.getBounds().pad(CLUSTER_PAD)); };
    g.on('click', function (e) {
      var it = e.layer && e.layer.cdItem;
      if (!it) { return; }
      if (e.originalEvent) { L.DomEvent.stop(e.originalEvent); }
      if (bridge) { bridge.featureClicked(it.p.kind, String(it.p.id), it.p.name, it.lat, it.lon); }
    });
    g.on('mouseover', function (e) { if (e.layer && e.layer.cdItem) { showTip(e.layer.cdItem); } });
    g.on('mouseout', function (e) {
      if (e.layer && tipFor === e.layer.cdItem) { tipFor = null; if (map.hasLayer(tip)) { map.removeLayer(tip); } }
    });
    return g;
  }
  var clusterGroups = {};

  var ClusterLayer = L.Layer.extend({
    initialize: function (name) {
      this.name = name;
      this.items = [];
      this.byKey = {};
      this._live = false;
      var gk = name === 'incident' ? 'incident' : 'mixed';
      this.group = clusterGroups[gk] = clusterGroups[gk] || clusterGroup(gk);
    },
    onAdd: function (map) {
      if (!map.hasLayer(this.group)) { map.addLayer(this.group); }
      this._live = true;
      this.refilter();
    },
    onRemove: function () {
      this._live = false;
      this.refilter();
    },
    // The marker of an item, made when it is first shown (hidden layers cost no markers).
    _marker: function (it) {
      if (!it.marker) {
        // clicks and hovers are handled once per cluster group (clusterGroup), not per marker
        it.marker = L.marker([it.lat, it.lon], {icon: iconFor(it.p), keyboard: false});
        it.marker.cdItem = it;
      }
      return it.marker;
    },
    _wants: function (it) { return this._live && shownItem(it); },
    setAll: function (wires) {
      var drop = [];
      for (var j = 0; j < this.items.length; j++) { if (this.items[j].shown) { drop.push(this.items[j].marker); } }
      if (drop.length) { this.group.removeLayers(drop); }
      this.items = [];
      this.byKey = {};
      var add = [];
      for (var i = 0; i < wires.length; i++) {
        var it = this._add(wires[i]);
        if (this._wants(it)) { it.shown = true; add.push(this._marker(it)); }
      }
      if (add.length) { this.group.addLayers(add); }
    },
    _add: function (w) {
      var it = {key: this.name + ':' + w[0], lat: w[1], lon: w[2], p: props(this.name, w), marker: null, shown: false};
      this.byKey[it.key] = it;
      this.items.push(it);
      return it;
    },
    upsert: function (w) {
      var it = this.byKey[this.name + ':' + w[0]];
      if (!it) { this._add(w); return; }  // into its cluster with the others, in changed()
      var moved = it.lat !== w[1] || it.lon !== w[2], old = it.p;
      it.p = props(this.name, w);
      if (moved) {
        if (it.shown) { this.group.removeLayer(it.marker); it.shown = false; }
        it.lat = w[1]; it.lon = w[2];
        if (it.marker) { it.marker.setLatLng([it.lat, it.lon]); }
      }
      if (old.color !== it.p.color || old.glyph !== it.p.glyph || old.shape !== it.p.shape ||
          old.radius !== it.p.radius || old.dash !== it.p.dash) {
        if (it.marker) { it.marker.setIcon(iconFor(it.p)); }
      }
      // shown again or hidden in changed(): thousands of updates then cluster in one go
    },
    _sync: function (it) {
      var want = this._wants(it);
      if (want && !it.shown) { this.group.addLayer(this._marker(it)); } else if (!want && it.shown) { this.group.removeLayer(it.marker); }
      it.shown = want;
    },
    refilter: function () {
      var add = [], drop = [];
      for (var i = 0; i < this.items.length; i++) {
        var it = this.items[i], want = this._wants(it);
        if (want && !it.shown) { add.push(this._marker(it)); } else if (!want && it.shown) { drop.push(it.marker); }
        it.shown = want;
      }
      if (drop.length) { this.group.removeLayers(drop); }
      if (add.length) { this.group.addLayers(add); }
    },
    remove: function (key) {
      var it = this.byKey[key];
      if (!it) { return; }
      if (it.shown) { this.group.removeLayer(it.marker); }
      delete this.byKey[key];
      this.items.splice(this.items.indexOf(it), 1);
    },
    // the cluster icons show counts only: adding and removing markers keeps them right
    changed: function () { this.refilter(); },
    hit: function () { return null; },
    _draw: function () { this.refilter(); },
    shownCount: function () {
      var n = 0;
      for (var i = 0; i < this.items.length; i++) { if (shownItem(this.items[i])) { n += 1; } }
      return n;
    }
  });

  function hitAt(pt) {
    for (var i = LAYERS.length - 1; i >= 0; i--) {
      var g = groups[LAYERS[i]];
      if (visible[LAYERS[i]]) {
        var it = g.hit(pt);
        if (it) { return it; }
      }
    }
    return null;
  }

  // --- hover text -------------------------------------------------------------
  var hovered = null, tipFor = null;
  function showTip(it) {
    tipFor = it;
    tip.options.offset = [0, -radiusOf(it.p)];
    tip.setLatLng([it.lat, it.lon]).setContent(textNode(it.p.name));
    if (!map.hasLayer(tip)) { tip.addTo(map); }
    if (bridge && !it.p.label) {
      bridge.tip(it.p.kind, String(it.p.id), function (text) {
        if (tipFor === it && text) { tip.setContent(textNode(text)); }
      });
    }
  }
  function onMove(e) {
    var it = hitAt(e.containerPoint), was = hovered;
    if (it === hovered) { return; }
    hovered = it;
    map.getContainer().style.cursor = it ? 'pointer' : '';
    if (it && !it.p.label) {
      showTip(it);
    } else if (was && tipFor === was && map.hasLayer(tip)) {  // leaving a dot takes its own text only
      tipFor = null;
      map.removeLayer(tip);
    }
  }
  function textNode(text) { var d = document.createElement('div'); d.textContent = text; return d; }

  function placeLabels(layer) {
    labelLayer.clearLayers();
    groups.place.items.forEach(function (it) {
      if (!it.p.label) { return; }
      // a plain marker with a text icon: Leaflet measures every permanent tooltip it
      // places (one page layout each), markers are just positioned
      labelLayer.addLayer(L.marker([it.lat, it.lon], {interactive: false, keyboard: false, icon: L.divIcon({
        className: 'cd-place-label', html: escapeHtml(it.p.name), iconSize: null, iconAnchor: [-6, 8]})}));
    });
    return layer;
  }

  // --- public functions (called from Python) --------------------------------
  cd.init = function (cfg) {
    renderer = new StickyCanvas({padding: 0.1, tolerance: 3});
    map = L.map('map', {
      center: cfg.center, zoom: cfg.zoom, minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM, preferCanvas: true,
      renderer: renderer, zoomControl: true, attributionControl: true, worldCopyJump: false
    });
    map.attributionControl.setPrefix('Leaflet');
    L.control.scale({imperial: false, position: 'bottomright'}).addTo(map);
    map.createPane('cdAreas').style.zIndex = 350;
    map.createPane('cdPoints').style.zIndex = 450;
    // The highlighted and dispatched teams, their lines and labels: above the markers and
    // clusters (600), so a team on a task never disappears under a cluster; clicks pass through.
    var hl = map.createPane(HL_PANE);
    hl.style.zIndex = 640;
    hl.style.pointerEvents = 'none';
    hlRenderer = new StickyCanvas({pane: HL_PANE, padding: 0.1});
    // the district outlines and land fill: a pane of their own, drawn by a sticky canvas
    // (Leaflet would give the pane a plain canvas of its own, redrawn at every pan)
    areaCanvas.opaque = new OpaqueCanvas({pane: 'cdAreas', padding: 0.1});
    areaCanvas.clear = new StickyCanvas({pane: 'cdAreas', padding: 0.1});
    boundaryLayer = L.geoJSON(null, {pane: 'cdAreas', interactive: false, style: areaStyle,
                                     renderer: areaCanvas.opaque}).addTo(map);
    labelLayer = L.layerGroup().addTo(map);
    areaLabels = L.layerGroup().addTo(map);
    ringLayer = L.layerGroup().addTo(map);
    highlightLayer = L.layerGroup().addTo(map);
    selectLayer = L.layerGroup().addTo(map);
    var open = cfg.visible || LAYERS;
    LAYERS.forEach(function (k) {
      groups[k] = k === 'place' ? new PointLayer(k) : new ClusterLayer(k);
      visible[k] = open.indexOf(k) >= 0;
      if (visible[k]) { groups[k].addTo(map); }
    });
    if (!visible.place) { map.removeLayer(labelLayer); }
    tip = L.tooltip({className: 'cd-tip', direction: 'top', opacity: 0.95});
    map.on('click', function (e) {
      var it = hitAt(e.containerPoint);
      if (!bridge) { return; }
      if (it) {
        bridge.featureClicked(it.p.kind, String(it.p.id), it.p.name, it.lat, it.lon);
      } else {
        bridge.mapClicked(e.latlng.lat, e.latlng.lng);
      }
    });
    map.on('mousemove', onMove);
    map.on('mouseout', function () { hovered = null; if (map.hasLayer(tip)) { map.removeLayer(tip); } });
    map.on('zoomend', zoomClass);
    zoomClass();
    warningLayer = L.layerGroup().addTo(map);  // under the zones drawn here
    zoneLayer = L.layerGroup().addTo(map);
    drawTools();
    if (cfg.legend) { legend(cfg.legend); }
    return true;
  };

  function zoomClass() {
    L.DomUtil[map.getZoom() < 11 ? 'addClass' : 'removeClass'](map.getContainer(), 'cd-z-low');
  }

  function areaStyle(f) {
    var city = f.properties.level === 'city' || f.properties.level === 'province';
    var raster = base !== null;
    return {
      color: night ? (city ? '#8c9bb5' : '#6f7f99') : (city ? '#5b5b7a' : '#8d7ba8'), weight: city ? 2.2 : 1.2,
      dashArray: city ? null : '5,4', fill: !raster, fillColor: night ? '#262c33' : '#f7f3e8',
      fillOpacity: city ? 1 : 0, opacity: 0.9
    };
  }

  cd.setBoundaries = function (fc) {
    lastAreas = fc;
    boundaryLayer.clearLayers();
    areaLabels.clearLayers();
    // cities first so their land fill lies under the county outlines
    var feats = fc.features.slice().sort(function (a, b) {
      return (a.properties.level === 'city' ? 0 : 1) - (b.properties.level === 'city' ? 0 : 1);
    });
    boundaryLayer.addData({type: 'FeatureCollection', features: feats});
    feats.forEach(function (f) {
      var p = f.properties;
      if (!p.label || !p.name) { return; }
      var city = p.level === 'city' || p.level === 'province';
      if (city && feats.length > 1) { return; }  // the districts name themselves
      areaLabels.addLayer(L.marker(p.label, {interactive: false, keyboard: false, icon: L.divIcon({
        className: 'cd-area-label' + (city ? ' cd-city' : ''), html: escapeHtml(p.name), iconSize: [120, 20]
      })}));
    });
    return fc.features.length;
  };

  cd.setFeatures = function (layer, features) {
    groups[layer].setAll(features);
    if (layer === 'place') { placeLabels(layer); }
    return features.length;
  };

  cd.update = function (layer, upserts, removed) {
    var g = groups[layer];
    for (var i = 0; i < removed.length; i++) { g.remove(removed[i]); }
    for (var j = 0; j < upserts.length; j++) { g.upsert(upserts[j]); }
    g.changed();
    if (layer === 'place') { placeLabels(layer); }
    return upserts.length + removed.length;
  };

  cd.setLayerVisible = function (layer, on) {
    visible[layer] = !!on;
    if (on) { map.addLayer(groups[layer]); } else { map.removeLayer(groups[layer]); }
    if (layer === 'place') {
      if (on) { map.addLayer(labelLayer); } else { map.removeLayer(labelLayer); }
    }
    var box = document.querySelector('input[data-layer="' + layer + '"]');
    if (box) { box.checked = !!on; }
    return visible[layer];
  };

  cd.setIdleTeams = function (on) {
    showIdle = !!on;
    groups.team.refilter();
    var box = document.querySelector('input[data-idle]');
    if (box) { box.checked = showIdle; }
    return showIdle;
  };

  cd.setBasemap = function (spec) {
    if (base) { map.removeLayer(base); base = null; }
    var el = map.getContainer();
    if (spec) {
      var opts = {minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM, maxNativeZoom: spec.maxzoom, minNativeZoom: spec.minzoom,
                  attribution: escapeHtml(spec.attribution || spec.name || '')};
      if (spec.bounds) { opts.bounds = L.latLngBounds([spec.bounds[1], spec.bounds[0]], [spec.bounds[3], spec.bounds[2]]); }
      base = L.tileLayer(spec.url, opts);
      base.on('loading', function () { tilesLoading += 1; });
      base.on('load', function () { tilesLoading = 0; });
      base.addTo(map);
      L.DomUtil.addClass(el, 'cd-raster');
    } else {
      L.DomUtil.removeClass(el, 'cd-raster');
    }
    useAreaCanvas(!!base);
    boundaryLayer.setStyle(areaStyle);
    return !!base;
  };

  cd.flyTo = function (lat, lon, zoom, animate) {
    var z = zoom || Math.max(map.getZoom(), 14);
    if (animate === false) { map.setView([lat, lon], z, {animate: false}); } else { map.flyTo([lat, lon], z, {duration: 0.6}); }
    return true;
  };

  cd.panBy = function (dx, dy) { map.panBy([dx, dy], {animate: false}); return true; };

  // Zoom with the animation and call back when it has ended (benchmarks).
  cd.zoomAnimated = function (z, done) {
    map.once('zoomend', function () { setTimeout(done, 0); });
    map.setZoom(z, {animate: true});
    return z;
  };

  cd.fitBounds = function (south, west, north, east) {
    map.fitBounds([[south, west], [north, east]], {animate: false, padding: [20, 20]});
    return map.getZoom();
  };

  cd.select = function (key, animate) {
    var kind = key.split(':')[0], it = groups[kind] && groups[kind].byKey[key];
    selectLayer.clearLayers();
    if (!it) { return false; }
    if (!visible[kind]) { cd.setLayerVisible(kind, true); }
    if (groups[kind]._sync && !it.shown) { it.forced = true; groups[kind]._sync(it); }
    selectLayer.addLayer(L.circleMarker([it.lat, it.lon], {pane: HL_PANE, renderer: hlRenderer, radius: radiusOf(it.p) + 7,
                                                          color: '#00b7ff', weight: 3, fill: false, interactive: false}));
    if (it.marker) {  // its own mark on top too: the record asked for never hides in a cluster
      selectLayer.addLayer(L.marker([it.lat, it.lon], {pane: HL_PANE, icon: iconFor(it.p), interactive: false,
                                                       keyboard: false}));
    }
    cd.flyTo(it.lat, it.lon, Math.max(map.getZoom(), 14), animate);
    showTip(it);
    return true;
  };

  cd.clearSelection = function () {
    selectLayer.clearLayers();
    tipFor = null;
    if (map.hasLayer(tip)) { map.removeLayer(tip); }
    return true;
  };

  cd.setRings = function (spec) {
    ringLayer.clearLayers();
    if (!spec) { return 0; }
    var c = L.latLng(spec.lat, spec.lon), outer = null;
    spec.radii_m.forEach(function (r, i) {
      var circle = L.circle(c, {radius: r, color: '#d97706', weight: 2, dashArray: '6,4', fillColor: '#f59e0b',
                                fillOpacity: i === 0 ? 0.08 : 0.03, interactive: false});
      ringLayer.addLayer(circle);
      var north = L.latLng(spec.lat + r / 111320, spec.lon);
      ringLayer.addLayer(L.marker(north, {interactive: false, keyboard: false, icon: L.divIcon({
        className: 'cd-ring-label', html: escapeHtml(spec.labels[i]), iconSize: [60, 16], iconAnchor: [30, 16]})}));
      outer = circle;
    });
    if (outer && spec.fit) {
      var b = L.latLng(spec.lat, spec.lon).toBounds(spec.radii_m[spec.radii_m.length - 1] * 2.2);
      map.fitBounds(b, {animate: false});
    }
    return spec.radii_m.length;
  };

  cd.setHighlight = function (spec) {
    highlightLayer.clearLayers();
    if (!spec || !spec.targets.length) { return 0; }
    var pts = [];
    if (spec.origin) { pts.push([spec.origin.lat, spec.origin.lon]); }
    spec.targets.forEach(function (t) {
      var ll = [t.lat, t.lon], col = (t.dispatched || t.recommended) ? t.color : '#0b4fbf';
      pts.push(ll);
      if (t.track && t.track.length) {  // positions reported since the order, each with its time
        var way = t.track.map(function (q) { return [q[0], q[1]]; });
        highlightLayer.addLayer(L.polyline(way, {pane: HL_PANE, renderer: hlRenderer, color: col, weight: 3, opacity: 0.9, interactive: false}));
        t.track.forEach(function (q, i) {
          highlightLayer.addLayer(L.circleMarker([q[0], q[1]], {pane: HL_PANE, renderer: hlRenderer, radius: 3, color: col, weight: 1, fillColor: '#fff',
                                                                fillOpacity: 1, interactive: false}));
          if (i === t.track.length - 1 || i % Math.max(1, Math.ceil(t.track.length / 6)) === 0) {
            highlightLayer.addLayer(L.marker([q[0], q[1]], {pane: HL_PANE, interactive: false, keyboard: false, icon: L.divIcon({
              className: 'cd-track-time', html: escapeHtml(q[2]), iconSize: [40, 14], iconAnchor: [-4, 7]})}));
          }
        });
      }
      if (t.base) {  // a dispatched team away from its base: the way it came, and the base it left
        pts.push(t.base);
        highlightLayer.addLayer(L.polyline([t.base, ll], {pane: HL_PANE, renderer: hlRenderer, color: col, weight: 2, dashArray: '2,4', opacity: 0.8,
                                                          interactive: false, className: 'cd-way'}));
        highlightLayer.addLayer(L.circleMarker(t.base, {pane: HL_PANE, renderer: hlRenderer, radius: 4, color: col, weight: 2, fillColor: '#fff',
                                                        fillOpacity: 1, interactive: false, className: 'cd-base'}));
      }
      if (spec.origin && t.status !== 'on_scene') {
        highlightLayer.addLayer(L.polyline([[spec.origin.lat, spec.origin.lon], ll],
          {pane: HL_PANE, renderer: hlRenderer, color: col, weight: 2.5, dashArray: '8,5', opacity: 0.85, interactive: false}));
      }
      if (t.dispatched) {
        highlightLayer.addLayer(L.circleMarker(ll, {pane: HL_PANE, renderer: hlRenderer, radius: 8, color: '#fff', weight: 2, fillColor: col,
                                                    fillOpacity: 1, interactive: false, className: 'cd-moving'}));
      }
      // a recommended team (not yet sent): outlined only, a dashed ring in its own colour
      highlightLayer.addLayer(L.circleMarker(ll, {pane: HL_PANE, renderer: hlRenderer, radius: 17, color: col, weight: 3, fill: false,
                                                  dashArray: t.recommended ? '5,4' : null, interactive: false}));
      highlightLayer.addLayer(L.marker(ll, {pane: HL_PANE, interactive: false, keyboard: false, icon: L.divIcon({
        className: 'cd-dist-label' + (t.dispatched ? ' cd-dispatched' : '') + (t.recommended ? ' cd-recommended' : ''),
        html: escapeHtml(t.text), iconSize: [220, 16], iconAnchor: [-20, 8]})}));
    });
    if (spec.fit && pts.length) { map.fitBounds(L.latLngBounds(pts).pad(0.15), {animate: false, maxZoom: 15}); }
    return spec.targets.length;
  };

  // --- zones (警戒区、疏散区、管控区): drawn with Leaflet.draw, kept by Python -------------
  function drawTools() {
    if (!L.Control.Draw) { return; }
    var T = L.drawLocal.draw.toolbar, H = L.drawLocal.draw.handlers;
    T.actions = {title: '取消绘制', text: '取消'};
    T.finish = {title: '完成绘制', text: '完成'};
    T.undo = {title: '删除最后一个点', text: '删除最后一点'};
    T.buttons.polygon = '画多边形区域（警戒区、疏散区、管控区）';
    T.buttons.circle = '画圆形区域';
    H.polygon.tooltip = {start: '单击开始画区域', cont: '单击继续画', end: '单击第一个点结束'};
    H.circle.tooltip = {start: '按住并拖动画圆'};
    H.circle.radius = '半径';
    H.simpleshape.tooltip = {end: '松开鼠标完成'};
    var ctl = new L.Control.Draw({position: 'topleft', edit: false, draw: {
      polyline: false, rectangle: false, marker: false, circlemarker: false,
      polygon: {allowIntersection: false, showArea: true, metric: true, shapeOptions: {color: '#d62728'}},
      circle: {metric: true, shapeOptions: {color: '#d62728'}}
    }});
    map.addControl(ctl);
    map.on(L.Draw.Event.CREATED, function (e) {
      var spec;
      if (e.layerType === 'circle') {
        var c = e.layer.getLatLng();
        spec = {shape: 'circle', lat: c.lat, lon: c.lng, radius_m: e.layer.getRadius()};
      } else {
        spec = {shape: 'polygon', points: e.layer.getLatLngs()[0].map(function (p) { return [p.lat, p.lng]; })};
      }
      cd.lastDrawn = spec;
      if (bridge) { bridge.zoneDrawn(JSON.stringify(spec)); }
    });
    if (L.Control.Measure) {
      L.Control.Measure.include({  // Leaflet ≥ 1.8: no autopan on the capture marker (leaflet-measure #171)
        _setCaptureMarkerIcon: function () {
          this._captureMarker.options.autoPanOnFocus = false;
          this._captureMarker.setIcon(L.divIcon({iconSize: this._map.getSize().multiplyBy(2)}));
        }
      });
      map.addControl(new L.Control.Measure({position: 'topleft', primaryLengthUnit: 'kilometers',
        secondaryLengthUnit: 'meters', primaryAreaUnit: 'sqmeters', secondaryAreaUnit: 'hectares',
        activeColor: '#0b4fbf', completedColor: '#0b4fbf'}));
    }
  }

  // fc: GeoJSON features (Polygon, or Point with radius_m) with name, label, color
  cd.setZones = function (fc) {
    zoneLayer.clearLayers();
    (fc && fc.features || []).forEach(function (f) {
      var p = f.properties, g = f.geometry, layer;
      var style = {color: p.color, weight: 2.5, dashArray: p.kind === 'control' ? '6,4' : null, fillColor: p.color,
                   fillOpacity: 0.12, interactive: true};
      if (g.type === 'Point') {
        layer = L.circle([g.coordinates[1], g.coordinates[0]], L.extend({radius: p.radius_m}, style));
      } else {
        layer = L.polygon(g.coordinates[0].map(function (c) { return [c[1], c[0]]; }), style);
      }
      layer.bindPopup(escapeHtml(p.label));
      zoneLayer.addLayer(layer);
      var at = g.type === 'Point' ? [g.coordinates[1], g.coordinates[0]] : layer.getBounds().getCenter();
      zoneLayer.addLayer(L.marker(at, {interactive: false, keyboard: false, icon: L.divIcon({
        className: 'cd-zone-label', html: escapeHtml(p.name), iconSize: [160, 18], iconAnchor: [80, 9]})}));
    });
    return zoneLayer.getLayers().length;
  };

  // fc: warnings in force as GeoJSON features with name, label and colour: a polygon or a division's
  // outline (Polygon/MultiPolygon) as a dashed outline with a light fill; a division known only by its
  // seat (Point with radius_m, approx) as a dotted circle tagged 示意范围; fc.note explains those circles
  cd.setWarningAreas = function (fc) {
    warningLayer.clearLayers();
    function latLngs(rings) { return rings.map(function (r) { return r.map(function (c) { return [c[1], c[0]]; }); }); }
    (fc && fc.features || []).forEach(function (f) {
      var p = f.properties, g = f.geometry, layer;
      var style = {color: p.color, weight: 2, dashArray: '10,6', fillColor: p.color, fillOpacity: 0.08};
      if (g.type === 'Point') {
        var at = [g.coordinates[1], g.coordinates[0]];
        layer = L.circle(at, L.extend(style, {radius: p.radius_m, dashArray: '2,6', weight: 2.5, fillOpacity: 0.05}));
        warningLayer.addLayer(layer);
        var top = L.latLng(at[0] + p.radius_m / 111320, at[1]);  // the tag sits on the circle's top edge
        warningLayer.addLayer(L.marker(top, {interactive: false, keyboard: false, icon: L.divIcon({
          className: 'cd-warning-tag', html: '<span style="color:' + escapeHtml(p.color) + '">' + escapeHtml(p.tag) +
          '</span>', iconSize: [180, 18], iconAnchor: [90, 9]})}));
      } else {
        var polys = g.type === 'MultiPolygon' ? g.coordinates.map(latLngs) : [latLngs(g.coordinates)];
        layer = L.polygon(polys, style);
        warningLayer.addLayer(layer);
      }
      layer.bindPopup(escapeHtml(p.label));
    });
    warningNote(fc && fc.note);
    return warningLayer.getLayers().filter(function (l) { return !(l instanceof L.Marker); }).length;
  };

  var noteControl = null;
  function warningNote(text) {
    if (noteControl) { noteControl.remove(); noteControl = null; }
    if (!text) { return; }
    noteControl = L.control({position: 'bottomright'});
    noteControl.onAdd = function () {
      var div = L.DomUtil.create('div', 'cd-legend cd-warning-note');
      div.innerHTML = '<span class="cd-note-swatch"></span>' + escapeHtml(text);
      return div;
    };
    noteControl.addTo(map);
  }

  // The night look: dark land and sea, light labels; marker and alarm colours unchanged.
  cd.setNight = function (on) {
    night = !!on;
    L.DomUtil[night ? 'addClass' : 'removeClass'](map.getContainer(), 'cd-night');
    L.DomUtil[night ? 'addClass' : 'removeClass'](document.body, 'cd-night');
    boundaryLayer.setStyle(areaStyle);
    return night;
  };

  cd.setPickMode = function (on, text) {
    pickMode = !!on;
    var banner = document.getElementById('banner');
    banner.textContent = text || '';
    banner.hidden = !pickMode;
    L.DomUtil[pickMode ? 'addClass' : 'removeClass'](map.getContainer(), 'cd-pick');
    return pickMode;
  };

  cd.view = function () {
    var c = map.getCenter();
    return {lat: c.lat, lon: c.lng, zoom: map.getZoom()};
  };

  cd.project = function (lat, lon) {
    var p = map.latLngToContainerPoint([lat, lon]);
    return [p.x, p.y];
  };

  cd.stats = function () {
    var counts = {};
    LAYERS.forEach(function (k) { counts[k] = groups[k].items.length; });
    return {counts: counts, visible: visible, basemap: base ? base._url : null, tilesLoading: tilesLoading,
            areas: boundaryLayer.getLayers().length, rings: ringLayer.getLayers().length,
            night: night, highlight: highlightLayer.getLayers().length, zones: zoneLayer.getLayers().length / 2,
            warnings: warningLayer.getLayers().filter(function (l) { return !(l instanceof L.Marker); })
              .map(function (l) { return l.options.color + ' ' + l.options.dashArray; }),
            warningNote: noteControl ? noteControl.getContainer().textContent : '',
            pick: pickMode, zoom: map.getZoom(),
            shown: shownCounts(), idleTeams: showIdle,
            clusters: document.querySelectorAll('.cd-cluster').length,
            clustering: Object.keys(clustering).some(function (k) { return clustering[k]; }),
            markers: document.querySelectorAll('.cd-marker').length,
            legendOpen: !!document.querySelector('.cd-legend:not(.cd-collapsed)')};
  };

  function shownCounts() {
    var out = {};
    LAYERS.forEach(function (k) { out[k] = groups[k].shownCount ? groups[k].shownCount() : groups[k].items.length; });
    return out;
  }

  cd.style = function (key) {
    var kind = key.split(':')[0], it = groups[kind] && groups[kind].byKey[key];
    return it ? {color: it.p.color, glyph: it.p.glyph, lat: it.lat, lon: it.lon} : null;
  };

  // Calls back once the browser has painted twice after the last change.
  cd.afterPaint = function (token) {
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { if (bridge) { bridge.painted(token); } });
    });
    return token;
  };

  // --- legend with layer switches -------------------------------------------
  function swatch(item) {
    var c = document.createElement('canvas');
    c.width = 16; c.height = 16;
    var ctx = c.getContext('2d');
    if (item.shape === 'ring') {  // an outline only, dashed (recommended teams)
      ctx.beginPath(); ctx.arc(8, 8, 6, 0, 2 * Math.PI);
      ctx.setLineDash([3, 2]); ctx.lineWidth = 2.5; ctx.strokeStyle = item.color; ctx.stroke();
      return c;
    }
    drawMarker(ctx, {shape: item.shape, color: item.color, glyph: item.glyph}, 8, 8, 7);
    return c;
  }

  function legend(spec) {
    var ctl = L.control({position: 'bottomleft'});
    ctl.onAdd = function () {
      var div = L.DomUtil.create('div', 'cd-legend cd-collapsed');
      var h = L.DomUtil.create('h4', '', div);
      h.title = '单击展开或收起图例';
      function title() { h.textContent = (div.classList.contains('cd-collapsed') ? '▸ ' : '▾ ') + '图层（单击展开图例）'; }
      title();
      h.style.cursor = 'pointer';
      h.addEventListener('click', function () { div.classList.toggle('cd-collapsed'); title(); });
      spec.forEach(function (sec) {
        var box = L.DomUtil.create('section', '', div);
        if (!sec.layer) {  // a key without a layer switch (what the incident's highlight means)
          L.DomUtil.create('label', 'cd-layer', box).textContent = sec.title;
          var only = L.DomUtil.create('div', 'cd-items', box);
          sec.items.forEach(function (it) {
            var sp = L.DomUtil.create('span', 'cd-item', only);
            sp.appendChild(swatch(it));
            sp.appendChild(document.createTextNode(it.label));
          });
          return;
        }
        var lab = L.DomUtil.create('label', 'cd-layer', box);
        var cb = document.createElement('input');
        cb.type = 'checkbox'; cb.checked = visible[sec.layer] !== false; cb.dataset.layer = sec.layer;
        cb.addEventListener('change', function () {
          cd.setLayerVisible(sec.layer, cb.checked);
          if (bridge) { bridge.layerToggled(sec.layer, cb.checked); }
        });
        lab.appendChild(cb);
        lab.appendChild(document.createTextNode(' ' + sec.title));
        if (sec.layer === 'team') {
          var idle = L.DomUtil.create('label', 'cd-idle', box), ib = document.createElement('input');
          ib.type = 'checkbox'; ib.checked = showIdle; ib.dataset.idle = '1';
          ib.addEventListener('change', function () { cd.setIdleTeams(ib.checked); });
          idle.appendChild(ib);
          idle.appendChild(document.createTextNode(' 含待命、不可用队伍'));
        }
        var items = L.DomUtil.create('div', 'cd-items', box);
        sec.items.forEach(function (it) {
          var span = L.DomUtil.create('span', 'cd-item', items);
          span.appendChild(swatch(it));
          span.appendChild(document.createTextNode(it.label));
        });
      });
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    ctl.addTo(map);
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (ch) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[ch];
    });
  }

  // --- the channel back to Python ---------------------------------------------
  function connect() {
    if (typeof QWebChannel === 'undefined' || typeof qt === 'undefined') { return; }
    new QWebChannel(qt.webChannelTransport, function (channel) {
      bridge = channel.objects.bridge;
      if (bridge) { bridge.ready(); }
    });
  }
  cd.hasBridge = function () { return bridge !== null; };
  // the key of the point marker under a container pixel, as a click there finds it (tests)
  cd.hitAt = function (x, y) { var it = hitAt(L.point(x, y)); return it ? it.key : null; };
  cd.__draw = function (k) { groups[k]._draw(); };
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', connect);
  } else {
    connect();
  }
}());
