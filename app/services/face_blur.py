"""Blurring faces in poster photos with the Haar cascade that ships in OpenCV's wheel.

Nothing is downloaded at run time: the cascade file comes with the package.
"""

import cv2
import numpy as np
from PIL import ImageFilter

CASCADE = cv2.data.haarcascades + "haarcascade_frontalface_default.xml"
PADDING = 0.2
PIXEL_BLOCKS = 10


def find_faces(image):
    """Boxes (x, y, width, height) of the frontal faces in a PIL image."""
    gray = np.asarray(image.convert("L"))
    # A classifier per call: loading takes ~10 ms, and one object must not be
    # shared by the threads that process photos at the same time.
    detector = cv2.CascadeClassifier(CASCADE)
    found = detector.detectMultiScale(
        gray, scaleFactor=1.1, minNeighbors=5, minSize=(20, 20)
    )
    return [tuple(int(value) for value in box) for box in found]


def blur_faces(image):
    """Pixelate and blur every face found, in place; returns how many."""
    faces = find_faces(image)
    for box in faces:
        _obscure(image, _padded(box, image.size))
    return len(faces)


def _padded(box, size):
    x, y, width, height = box
    pad_x, pad_y = int(width * PADDING), int(height * PADDING)
    return (
        max(0, x - pad_x),
        max(0, y - pad_y),
        min(size[0], x + width + pad_x),
        min(size[1], y + height + pad_y),
    )


def _obscure(image, box):
    """Pixelating first throws the detail away; the blur softens the blocks."""
    region = image.crop(box)
    blocks = (min(PIXEL_BLOCKS, region.width), min(PIXEL_BLOCKS, region.height))
    coarse = region.resize(blocks).resize(region.size)
    radius = max(2, min(region.size) // PIXEL_BLOCKS)
    image.paste(coarse.filter(ImageFilter.GaussianBlur(radius)), box[:2])
