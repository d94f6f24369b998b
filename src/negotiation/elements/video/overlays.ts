/**
 * Overlays outside GstBaseTextOverlay that negotiate with its code (1.22): overlaycomposition
 * (gstoverlaycomposition.c: the same video-sink CAPS answer and negotiate, a plain GstElement) and the QR
 * overlays (GstBaseQROverlay: a GstBin whose ghost pads lead to an overlaycomposition inside).
 */
import { BaseTextOverlay } from '../../base/textoverlay.js';

export const overlaycomposition = new BaseTextOverlay({ standalone: true });

export const qroverlay = new BaseTextOverlay({ standalone: true, child: 'overlaycomposition' });
export const debugqroverlay = new BaseTextOverlay({ standalone: true, child: 'overlaycomposition' });
