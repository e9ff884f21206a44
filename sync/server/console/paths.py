"""The console's upload paths: their body limits differ from every other form's (``site``)."""

UPLOADS = "/office/documents"  # an LAO's application document (Word, PDF)
QR_PHOTOS = "/office/keys/photo"  # a photo of an inspector's enrolment QR code
